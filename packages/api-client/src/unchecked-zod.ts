/*
 * A stand-in for `zod` in the partner widgets' builds ONLY (their vite.widget.config.ts aliases
 * `zod` here); the shell's remotes, the API and the tests keep the real zod.
 *
 * Why: zod costs ~25 KB gzip, a third of the calendar widget's 80 KB budget, and there it guards
 * nothing — the widget script is served by the very API deployment it talks to
 * (`/widgets/priyom-calendar.js` on the API origin), so its answers match its contracts by
 * construction. The schemas are still declared (packages/contracts builds them at load time), so
 * this module offers the same builders, and every one of them returns a schema that:
 *   - accepts its input as is: strings, numbers, enums, records, `.max()`, `.int()`, … check nothing;
 *   - keeps only the checks of structure, which choose a branch of a union and keep the client
 *     from crashing on a body that is not one: an object is a non-null non-array object (and so is
 *     each of its object fields, recursively), an array is an array, a literal / `null()` /
 *     `undefined()` is that value, `.optional()` / `.nullable()` let undefined / null through (so `z.union([ZHold, z.undefined().transform(() => null)])` still
 *     turns an empty answer into null, and a bare array still reaches `.transform((items) => ({ items }))`);
 *   - applies `.transform(fn)` and `.default(value)`, also inside objects and arrays, so what the
 *     code reads has the shape the types promise.
 * Any other method (`.min()`, `.regex()`, `.describe()`, …) returns the schema unchanged, so a
 * contract using a builder method this file never heard of still loads.
 * Types come from the real zod at compile time; this file is never type-checked against callers.
 */

type Check = (value: unknown) => boolean;
type Step = (value: unknown) => unknown;
type Shape = Record<string, UncheckedSchema>;

export type SafeParseResult =
  { success: true; data: unknown; error?: undefined } | { success: false; data?: undefined; error: Error };

/** Checks and notes of zod's builders that the stand-in takes and ignores (the Proxy answers any other). */
type IgnoredMethod =
  | "min"
  | "max"
  | "int"
  | "length"
  | "trim"
  | "regex"
  | "email"
  | "url"
  | "uuid"
  | "positive"
  | "nonnegative"
  | "describe"
  | "refine"
  | "superRefine"
  | "brand"
  | "readonly";

/** What every builder and every method returns. Unknown methods also answer (see the Proxy below). */
export interface UncheckedSchema extends Record<IgnoredMethod, (...args: unknown[]) => UncheckedSchema> {
  parse: (value: unknown) => unknown;
  safeParse: (value: unknown) => SafeParseResult;
  parseAsync: (value: unknown) => Promise<unknown>;
  safeParseAsync: (value: unknown) => Promise<SafeParseResult>;
  /** Whether the value passes the few structural checks described at the top of the file. */
  accepts: (value: unknown) => boolean;
  transform: (fn: Step) => UncheckedSchema;
  default: (value: unknown) => UncheckedSchema;
  optional: () => UncheckedSchema;
  nullable: () => UncheckedSchema;
  nullish: () => UncheckedSchema;
  array: () => UncheckedSchema;
  or: (other: UncheckedSchema) => UncheckedSchema;
  /** Objects only: the field schemas, as zod exposes them (`ZAppointment.shape.status`). */
  shape: Shape;
  extend: (more: Shape) => UncheckedSchema;
  merge: (other: UncheckedSchema) => UncheckedSchema;
  pick: (keys: Record<string, unknown>) => UncheckedSchema;
  omit: (keys: Record<string, unknown>) => UncheckedSchema;
  partial: () => UncheckedSchema;
  required: () => UncheckedSchema;
  /** Arrays only: the element schema. */
  element: UncheckedSchema;
  /** `z.enum([...])` only: its values. */
  options: unknown[];
}

interface Parts {
  check: Check;
  /** Rebuilds the value from its parts (objects and arrays run their fields' transforms and defaults). */
  rebuild: Step;
  shape?: Shape;
  element?: UncheckedSchema;
  options?: unknown[];
}

/** Keys the Proxy must never answer: they would make a schema look like a promise or a Vue ref. */
function isReservedKey(key: string | symbol): boolean {
  return (
    typeof key === "symbol" ||
    key === "then" ||
    key.startsWith("_") ||
    key.startsWith("$") ||
    key === "toJSON"
  );
}

const accept: Check = () => true;
const asIs: Step = (value) => value;

class UncheckedParseError extends Error {
  constructor() {
    super("Ответ сервера не той формы");
    this.name = "UncheckedParseError";
  }
}

function schema(parts: Parts): UncheckedSchema {
  const run = (value: unknown): SafeParseResult =>
    parts.check(value)
      ? { success: true, data: parts.rebuild(value) }
      : { success: false, error: new UncheckedParseError() };
  const wrap = (check: Check, rebuild: Step): UncheckedSchema => schema({ ...parts, check, rebuild });
  const fieldsOf = (keys: Record<string, unknown>, keep: boolean): Shape =>
    Object.fromEntries(Object.entries(parts.shape ?? {}).filter(([key]) => key in keys === keep));

  const self: Record<string, unknown> = {
    parse(value: unknown) {
      const result = run(value);
      if (!result.success) throw result.error;
      return result.data;
    },
    safeParse: run,
    parseAsync: (value: unknown) => Promise.resolve().then(() => (self.parse as Step)(value)),
    safeParseAsync: (value: unknown) => Promise.resolve(run(value)),
    accepts: parts.check,
    transform: (fn: Step) => wrap(parts.check, (value) => fn(parts.rebuild(value))),
    default: (fallback: unknown) =>
      wrap(
        (value) => value === undefined || parts.check(value),
        (value) => (value === undefined ? fallback : parts.rebuild(value)),
      ),
    optional: () =>
      wrap((value) => value === undefined || parts.check(value), orAsIs(undefined, parts.rebuild)),
    nullable: () => wrap((value) => value === null || parts.check(value), orAsIs(null, parts.rebuild)),
    nullish: () =>
      wrap(
        (value) => value == null || parts.check(value),
        (value) => (value == null ? value : parts.rebuild(value)),
      ),
    array: () => array(proxied),
    or: (other: UncheckedSchema) => union([proxied, other]),
    shape: parts.shape,
    extend: (more: Shape) => object({ ...parts.shape, ...more }),
    merge: (other: UncheckedSchema) => object({ ...parts.shape, ...other.shape }),
    pick: (keys: Record<string, unknown>) => object(fieldsOf(keys, true)),
    omit: (keys: Record<string, unknown>) => object(fieldsOf(keys, false)),
    partial: () => object(mapShape(parts.shape, (field) => field.optional())),
    required: () => object(parts.shape ?? {}),
    element: parts.element,
    options: parts.options,
  };
  const proxied = new Proxy(self, {
    get(target, key, receiver) {
      if (key in target || isReservedKey(key)) return Reflect.get(target, key, receiver) as unknown;
      // `.min(1)`, `.regex(/…/)`, `.describe("…")`, …: checks and notes the widget does not need.
      return () => proxied;
    },
  }) as unknown as UncheckedSchema;
  return proxied;
}

function orAsIs(passed: null | undefined, rebuild: Step): Step {
  return (value) => (value === passed ? value : rebuild(value));
}

function mapShape(shape: Shape | undefined, fn: (field: UncheckedSchema) => UncheckedSchema): Shape {
  return Object.fromEntries(Object.entries(shape ?? {}).map(([key, field]) => [key, fn(field)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const leaf = (): UncheckedSchema => schema({ check: accept, rebuild: asIs });

function object(shape: Shape): UncheckedSchema {
  const fields = Object.entries(shape);
  return schema({
    shape,
    check: (value) => isPlainObject(value) && fields.every(([key, field]) => field.accepts(value[key])),
    rebuild: (value) => {
      const input = value as Record<string, unknown>;
      const output: Record<string, unknown> = { ...input };
      for (const [key, field] of fields) {
        const rebuilt = field.parse(input[key]);
        if (rebuilt !== undefined || key in input) output[key] = rebuilt;
      }
      return output;
    },
  });
}

function array(element: UncheckedSchema): UncheckedSchema {
  return schema({
    element,
    check: (value) => Array.isArray(value) && value.every((item) => element.accepts(item)),
    rebuild: (value) => (value as unknown[]).map((item) => element.parse(item)),
  });
}

/** The first option that accepts the value reads it, as in zod. */
function union(options: readonly UncheckedSchema[]): UncheckedSchema {
  const pick = (value: unknown) => options.find((option) => option.accepts(value));
  return schema({
    options: [...options],
    check: (value) => pick(value) !== undefined,
    rebuild: (value) => pick(value)?.parse(value),
  });
}

function exactly(expected: unknown): UncheckedSchema {
  return schema({ check: (value) => Object.is(value, expected), rebuild: asIs });
}

function isList(values: readonly unknown[] | Record<string, unknown>): values is readonly unknown[] {
  return Array.isArray(values);
}

/** The `z` namespace of the widget builds: zod's builders, checking next to nothing (see above). */
export const z = {
  string: leaf,
  number: leaf,
  bigint: leaf,
  boolean: leaf,
  date: leaf,
  any: leaf,
  unknown: leaf,
  enum: (values: readonly unknown[] | Record<string, unknown>) =>
    schema({
      check: accept,
      rebuild: asIs,
      options: isList(values) ? [...values] : Object.values(values),
    }),
  nativeEnum: leaf,
  record: leaf,
  map: leaf,
  set: leaf,
  tuple: leaf,
  literal: exactly,
  null: () => exactly(null),
  undefined: () => exactly(undefined),
  void: () => exactly(undefined),
  object,
  strictObject: object,
  looseObject: object,
  array,
  union,
  discriminatedUnion: (_discriminator: string, options: readonly UncheckedSchema[]) => union(options),
  optional: (inner: UncheckedSchema) => inner.optional(),
  nullable: (inner: UncheckedSchema) => inner.nullable(),
  lazy: (get: () => UncheckedSchema) =>
    schema({ check: (value) => get().accepts(value), rebuild: (value) => get().parse(value) }),
  coerce: { string: leaf, number: leaf, boolean: leaf, date: leaf, bigint: leaf },
};

export default z;
