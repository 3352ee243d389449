import { inject, type InjectionKey } from "vue";

/** The current time; a parameter so tests can fix «today» and how long a request has waited. */
export type Clock = () => Date;

export const CLOCK_KEY: InjectionKey<Clock> = Symbol("priyom-staff-clock");

/** The clock provided to the remote, or the device's. */
export function useClock(): Clock {
  return inject(CLOCK_KEY, () => new Date());
}
