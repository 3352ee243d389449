import { nextTick, reactive, watch } from "vue";
import { useDomRoot } from "./dom-root.ts";

/**
 * Live validation of a form, the way every form of the service behaves: a field is judged from its first
 * blur on (then on every input); a submit judges all fields; a server 400 puts its messages under
 * the fields and they win until the user edits that field.
 *
 * Keys are the API's field paths (`passport.series`), so the server's `fields` map straight onto them.
 * @example
 *   const form = useForm("sign-up", ["phone", "email"], (key, v) => key === "phone" ? validatePhone(v.phone) : undefined);
 */
export function useForm<K extends string>(
  idPrefix: string,
  keys: readonly K[],
  validate: (key: K, values: Record<K, string>) => string | undefined,
  initial: Partial<Record<K, string>> = {},
) {
  const values = reactive(Object.fromEntries(keys.map((k) => [k, initial[k] ?? ""]))) as Record<K, string>;
  const touched = reactive(new Set<string>());
  const serverErrors = reactive<Record<string, string>>({});
  const domRoot = useDomRoot();

  for (const key of keys) {
    watch(
      () => values[key],
      () => {
        if (key in serverErrors) Reflect.deleteProperty(serverErrors, key);
      },
    );
  }

  /** The element id of a field's input (the first input of a group). */
  function id(key: string): string {
    return `${idPrefix}-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  }

  /** The message to show under a field, if any. */
  function error(key: string): string | undefined {
    const server = serverErrors[key];
    if (server !== undefined) return server;
    if (!touched.has(key) || !(keys as readonly string[]).includes(key)) return undefined;
    return validate(key as K, values);
  }

  function blur(key: string): void {
    touched.add(key);
  }

  /** Judges every field (or those given); true when none has a live error. */
  function validateAll(subset: readonly K[] = keys): boolean {
    for (const key of subset) touched.add(key);
    return subset.every((key) => validate(key, values) === undefined);
  }

  /** Puts a 400's field messages under the fields; returns the messages no field of this form shows. */
  function setServerErrors(fields: Record<string, string>, shownKeys: readonly string[] = keys): string[] {
    for (const key of Object.keys(serverErrors)) Reflect.deleteProperty(serverErrors, key);
    const orphans: string[] = [];
    for (const [key, message] of Object.entries(fields)) {
      if (shownKeys.includes(key)) serverErrors[key] = message;
      else orphans.push(message);
    }
    return orphans;
  }

  function clearServerErrors(): void {
    for (const key of Object.keys(serverErrors)) Reflect.deleteProperty(serverErrors, key);
  }

  /** Sets one field's server message (e.g. a wrong code). */
  function setServerError(key: string, message: string): void {
    serverErrors[key] = message;
  }

  /** Moves focus to the first field (in `order`) that shows an error. */
  async function focusFirstError(order: readonly string[] = keys): Promise<void> {
    await nextTick();
    const first = order.find((key) => error(key) !== undefined);
    if (first !== undefined) domRoot().getElementById(id(first))?.focus();
  }

  return {
    values,
    id,
    error,
    blur,
    validateAll,
    setServerErrors,
    setServerError,
    clearServerErrors,
    focusFirstError,
  };
}

export type Form<K extends string> = ReturnType<typeof useForm<K>>;
