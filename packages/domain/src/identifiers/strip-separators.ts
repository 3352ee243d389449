/**
 * Removes the separators people type inside identifiers — spaces, hyphens and no-break spaces
 * (U+00A0) — and nothing else, so any other stray character is still caught by the caller.
 *
 * @example
 * stripSeparators("112-233-445\u00a095"); // "11223344595"
 */
export function stripSeparators(input: string): string {
  return input.replace(/[ \u00a0-]/g, "");
}

/** Only ASCII digits: full-width and other Unicode digits are not accepted. */
export const DIGITS_ONLY = /^[0-9]+$/;
