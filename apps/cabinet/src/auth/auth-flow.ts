/** What the sign-in screen starts with: a login (after recovery), or login and password (after sign-up). */
export interface SignInPrefill {
  login?: string;
  password?: string;
  /** Sign in at once: the password of a just-confirmed sign-up is still in memory. */
  submit?: boolean;
  notice?: string;
}

/** The contacts of a sign-up waiting for their codes, and its password (kept in memory only). */
export interface PendingSignUp {
  phone: string;
  email: string;
  password: string;
}
