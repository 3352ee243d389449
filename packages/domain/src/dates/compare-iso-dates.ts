/**
 * Compares two valid `YYYY-MM-DD` dates: -1 when `a` is earlier, 0 when equal, 1 when later.
 * (Zero-padded ISO dates sort as strings, so no parsing is needed.)
 *
 * @example
 * compareIsoDates("2025-03-02", "2025-03-10"); // -1
 * ["2025-03-10", "2025-01-01"].sort(compareIsoDates); // ["2025-01-01", "2025-03-10"]
 */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
