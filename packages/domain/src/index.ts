// The public API of @priyom/domain: every rule of Priyom as pure functions over plain data.

// Errors and results
export { ERROR_MESSAGES, type DomainErrorCode, type Locale } from "./errors/messages.ts";
export { errorMessage } from "./errors/error-message.ts";
export { isDomainErrorCode } from "./errors/is-domain-error-code.ts";
export {
  ok,
  fail,
  domainError,
  type Result,
  type Success,
  type Failure,
  type DomainError,
} from "./errors/result.ts";

// Dates and time zones
export { parseIsoDate, isIsoDate, isLeapYear, daysInMonth, type DateParts } from "./dates/parse-iso-date.ts";
export { isoDateToDayNumber, dayNumberToIsoDate, formatIsoDate } from "./dates/day-number.ts";
export { addDays } from "./dates/add-days.ts";
export { compareIsoDates } from "./dates/compare-iso-dates.ts";
export { daysBetween } from "./dates/days-between.ts";
export { isoWeekday, type IsoWeekday } from "./dates/iso-weekday.ts";
export { anniversary } from "./dates/anniversary.ts";
export { ageOn } from "./dates/age-on.ts";
export { parseDateInput } from "./dates/parse-date-input.ts";
export { parseLocalTime, formatLocalTime } from "./dates/parse-local-time.ts";
export {
  wallClockAt,
  wallClockDate,
  utcOffsetMinutes,
  isValidTimeZone,
  type WallClock,
} from "./dates/zone-wall-clock.ts";
export { localDateTimeInZone, type LocalDateTime } from "./dates/local-date-time-in-zone.ts";
export { zonedLocalToUtc, zonedLocalToUtcMs } from "./dates/zoned-local-to-utc.ts";
export { addWorkingDays } from "./dates/add-working-days.ts";

// Identifiers
export { stripSeparators } from "./identifiers/strip-separators.ts";
export { checkSnils, formatSnils, snilsCheckNumber } from "./identifiers/snils.ts";
export { checkEnp, luhnValid } from "./identifiers/enp.ts";
export { checkOgrn, ogrnCheckDigit } from "./identifiers/ogrn.ts";
export { checkMobilePhone, formatMobilePhone } from "./identifiers/mobile-phone.ts";
export { checkPersonName, sameName, PERSON_NAME_MAX_LENGTH } from "./identifiers/person-name.ts";
export { checkReferralNumber } from "./identifiers/referral-number.ts";
export { checkBirthCertificate, type BirthCertificateInput } from "./identifiers/birth-certificate.ts";
export {
  checkPassport,
  passportExpiresOn,
  PASSPORT_FIRST_ISSUE_DATE,
  PASSPORT_REPLACEMENT_GRACE_DAYS,
  type PassportInput,
  type CheckedPassport,
} from "./identifiers/passport.ts";

// Accounts
export { checkPassword, PASSWORD_MAX_LENGTH } from "./accounts/check-password.ts";
export { checkEmail } from "./accounts/check-email.ts";

// Specialties
export {
  SPECIALTY_CODES,
  SPECIALTIES,
  ADULT_AGE,
  type SpecialtyCode,
  type Specialty,
} from "./specialties/specialties.ts";
export { isSpecialtyCode } from "./specialties/is-specialty-code.ts";
export { specialtyServesAge } from "./specialties/specialty-serves-age.ts";
export { specialtyAlternatives } from "./specialties/specialty-alternatives.ts";

// Referrals
export {
  DEFAULT_REFERRAL_POLICY,
  REFERRAL_KINDS,
  type ReferralKind,
  type ReferralPolicy,
} from "./referrals/referral-policy.ts";
export { referralLastValidDay } from "./referrals/referral-last-valid-day.ts";
export { isReferralValidAt } from "./referrals/is-referral-valid-at.ts";
export {
  transitionReferral,
  REFERRAL_TRANSITIONS,
  type ReferralStatus,
} from "./referrals/referral-status.ts";
export { extendReferral, type ReferralExtensionRequest } from "./referrals/extend-referral.ts";
export {
  guaranteedWaitDeadline,
  DEFAULT_WAIT_POLICY,
  type Urgency,
  type WaitPolicy,
} from "./referrals/guaranteed-wait-deadline.ts";

// Schedules, slots and free-slot search
export {
  generateSlots,
  GRID_MINUTES,
  type Slot,
  type SlotGenerationInput,
  type WeeklyRule,
  type ScheduleException,
  type TimeRange,
} from "./schedule/generate-slots.ts";
export {
  createDayBitmaps,
  setCellsFree,
  setCellsBusy,
  isCellFree,
  localTimeToCell,
  cellToLocalTime,
  markSlotsFree,
  cellPositionAt,
  CELLS_PER_DAY,
  WORDS_PER_DAY,
  type DayBitmaps,
  type CellPosition,
} from "./schedule/day-bitmap.ts";
export { freeStarts, firstFreeStart, nearestFreeSlots } from "./schedule/free-starts.ts";

// Booking
export { instantMs, type Instant } from "./booking/instant.ts";
export {
  orderAlternatives,
  alternativeGroup,
  type AlternativeSlot,
  type AlternativeGroup,
} from "./booking/order-alternatives.ts";
export { intervalsOverlap, type TimeInterval } from "./booking/intervals-overlap.ts";
export {
  findOverlappingAppointment,
  type AppointmentStatus,
  type PatientAppointment,
} from "./booking/find-overlapping-appointment.ts";
export { canChangeAppointment } from "./booking/can-change-appointment.ts";
export {
  checkChangeWindow,
  changeWindowMessage,
  DEFAULT_CHANGE_CUTOFF_HOURS,
} from "./booking/change-window.ts";
export {
  checkBookingEligibility,
  type BookingEligibilityInput,
  type BookingEligibility,
  type BookingPolicy,
} from "./booking/check-booking-eligibility.ts";
