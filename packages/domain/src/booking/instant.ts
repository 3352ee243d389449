/** An instant as a `Date` or epoch milliseconds (search code keeps numbers: no `Date` per slot). */
export type Instant = Date | number;

/**
 * Epoch milliseconds of an instant.
 *
 * @example
 * instantMs(new Date(0)); // 0
 * instantMs(1_000); // 1000
 */
export function instantMs(at: Instant): number {
  return typeof at === "number" ? at : at.getTime();
}
