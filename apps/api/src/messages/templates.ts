import { ruDate, timeZoneLabel } from "../services/booking/visit-format.ts";
import type { PatientMessage } from "./notify.ts";

/*
 * The patient's messages, worded once (pure functions; `notifyPatient` sends them).
 *
 * Channel policy:
 * - the cabinet always (`notifyPatient` adds it whatever the profile says);
 * - e-mail and SMS as the patient chose in the profile (`notificationChannels`);
 * - the booking confirmation and the day-before reminder also by SMS whatever the choice, to the
 *   phone given for that visit (`alsoBy: ["sms"]`);
 * - every SMS about a visit goes to the phone given for that visit (`smsPhone`), not the account's.
 * Texts name the visit, the doctor and the clinic; never the patient's documents.
 */

/** What a message about a visit says: the visit as booked, in the clinic's local time. */
export interface VisitFacts {
  appointmentId: string;
  referralId: string;
  ticketNumber: string;
  localDate: string;
  localTime: string;
  timeZone: string;
  startsAt: Date;
  doctorName: string;
  specialtyName: string;
  room: string;
  clinicName: string;
  clinicAddress: string;
  /** The phone given for the visit (`+79XXXXXXXXX`): its SMS go there. */
  contactPhone: string;
}

/** An alternative named in a clinic's cancellation. */
export interface AlternativeFacts {
  localDate: string;
  localTime: string;
  timeZone: string;
  startsAt: Date;
  doctorName: string;
  clinicName: string;
}

/** At most this many alternatives are named in a cancellation by the clinic. */
export const ALTERNATIVES_NAMED = 3;

const when = (v: { localDate: string; localTime: string; timeZone: string; startsAt: Date }) =>
  `${ruDate(v.localDate)} в ${v.localTime} (время местное: ${timeZoneLabel(v.timeZone, v.startsAt)})`;
const whenShort = (v: { localDate: string; localTime: string }) =>
  `${ruDate(v.localDate).slice(0, 5)} в ${v.localTime}`;
const where = (v: VisitFacts) => `${v.clinicName}, ${v.clinicAddress}, каб. ${v.room}`;
const who = (v: VisitFacts) => `${v.specialtyName}, ${v.doctorName}`;
const about = (v: VisitFacts) => ({
  appointmentId: v.appointmentId,
  referralId: v.referralId,
  smsPhone: v.contactPhone,
});

/**
 * The booking confirmation (also by SMS to the visit's phone).
 *
 * @example
 * bookingConfirmed(visit).title; // "Вы записаны к врачу, талон Т-0001001"
 */
export function bookingConfirmed(v: VisitFacts): PatientMessage {
  return {
    kind: "booking_confirmed",
    title: `Вы записаны к врачу, талон ${v.ticketNumber}`,
    text:
      `Вы записаны к врачу: ${who(v)}, ${when(v)}. ${where(v)}. Талон ${v.ticketNumber}. ` +
      "Перенести или отменить запись можно в разделе «Мои записи».",
    sms: `Приём: вы записаны ${whenShort(v)} (${timeZoneLabel(v.timeZone, v.startsAt)}), ${where(v)}. Талон ${v.ticketNumber}.`,
    ...about(v),
    alsoBy: ["sms"],
  };
}

/** The visit moved to another time (the new ticket replaces the old one). */
export function appointmentRescheduled(from: VisitFacts, to: VisitFacts): PatientMessage {
  return {
    kind: "appointment_rescheduled",
    title: `Запись перенесена, новый талон ${to.ticketNumber}`,
    text:
      `Запись ${whenShort(from)} (талон ${from.ticketNumber}) перенесена. Новое время: ${who(to)}, ` +
      `${when(to)}. ${where(to)}. Талон ${to.ticketNumber}.`,
    sms: `Приём: запись перенесена на ${whenShort(to)} (${timeZoneLabel(to.timeZone, to.startsAt)}), ${where(to)}. Талон ${to.ticketNumber}.`,
    ...about(to),
  };
}

/** The patient (or the parent) cancelled the visit; the referral may be booked again. */
export function appointmentCancelledByPatient(v: VisitFacts): PatientMessage {
  return {
    kind: "appointment_cancelled",
    title: `Запись отменена, талон ${v.ticketNumber}`,
    text:
      `Запись к врачу ${who(v)}, ${when(v)}, талон ${v.ticketNumber}, отменена. ` +
      "По направлению можно записаться снова.",
    sms: `Приём: запись ${whenShort(v)}, талон ${v.ticketNumber}, отменена.`,
    ...about(v),
  };
}

/**
 * The clinic cancelled the visit: why, and up to three free times the patient may take instead.
 *
 * @example
 * appointmentCancelledByClinic(visit, "Врач заболел", alternatives).text;
 * // "Поликлиника отменила запись … Причина: Врач заболел. … Свободное время: 1) 12.03 в 10:00 — …"
 */
export function appointmentCancelledByClinic(
  v: VisitFacts,
  reason: string,
  alternatives: readonly AlternativeFacts[],
): PatientMessage {
  const named = alternatives.slice(0, ALTERNATIVES_NAMED);
  const offer =
    named.length === 0
      ? "Выберите другое время в разделе «Запись к врачу»."
      : "Свободное время: " +
        named
          .map(
            (a, i) =>
              `${i + 1}) ${whenShort(a)} (${timeZoneLabel(a.timeZone, a.startsAt)}) — ${a.doctorName}, ${a.clinicName}`,
          )
          .join("; ") +
        ". Записаться можно в разделе «Запись к врачу».";
  return {
    kind: "appointment_cancelled_by_clinic",
    title: `Поликлиника отменила запись, талон ${v.ticketNumber}`,
    text:
      `Поликлиника отменила запись к врачу ${who(v)}, ${when(v)}, талон ${v.ticketNumber}. ` +
      `Причина: ${reason}. Направление снова действует. ${offer}`,
    sms:
      `Приём: поликлиника отменила запись ${whenShort(v)}, талон ${v.ticketNumber}. ` +
      (named[0] ? `Есть время ${whenShort(named[0])}. ` : "") +
      "Запишитесь снова в личном кабинете.",
    ...about(v),
  };
}

/** The day before the visit (also by SMS to the visit's phone); sent once per appointment. */
export function appointmentReminder(v: VisitFacts): PatientMessage {
  return {
    kind: "appointment_reminder",
    title: `Напоминание: завтра приём у врача, талон ${v.ticketNumber}`,
    text:
      `Напоминаем: завтра, ${when(v)}, приём у врача ${who(v)}. ${where(v)}. Талон ${v.ticketNumber}. ` +
      "Возьмите паспорт, полис ОМС и направление. Если не сможете прийти, отмените запись в разделе «Мои записи».",
    sms: `Приём: завтра ${whenShort(v)} (${timeZoneLabel(v.timeZone, v.startsAt)}), ${where(v)}. Талон ${v.ticketNumber}.`,
    ...about(v),
    alsoBy: ["sms"],
    dedupeKey: `reminder:${v.appointmentId}`,
  };
}

/** The clinic marked the visit as held; the referral is used. */
export function appointmentDone(v: VisitFacts): PatientMessage {
  return {
    kind: "appointment_done",
    title: `Приём состоялся, талон ${v.ticketNumber}`,
    text: `Поликлиника отметила приём ${who(v)}, ${when(v)}, как состоявшийся. Направление использовано.`,
    ...about(v),
  };
}

/**
 * The clinic marked the visit as missed: whether the referral may still be booked (`activeUntil`,
 * its last valid day) or has expired (`null`).
 */
export function appointmentMissed(v: VisitFacts, activeUntil: string | null): PatientMessage {
  return {
    kind: "appointment_missed",
    title: `Пропущен приём, талон ${v.ticketNumber}`,
    text:
      `Поликлиника отметила, что вы не пришли на приём ${who(v)}, ${when(v)}. ` +
      (activeUntil === null
        ? "Срок действия направления истёк."
        : `Направление действует до ${ruDate(activeUntil)}: можно записаться снова.`),
    ...about(v),
  };
}

/** What a referral expiry warning says. */
export interface ExpiringReferralFacts {
  referralId: string;
  number: string;
  specialtyName: string;
  lastValidDay: string;
}

/**
 * Three days before a referral's last valid day; sent once per referral and last day
 * (`referral-expiring:<referralId>:<lastValidDay>`): an extended referral is warned again before its
 * new last day, as the extension resets the referral's notice mark.
 */
export function referralExpiring(r: ExpiringReferralFacts): PatientMessage {
  const text = `Направление № ${r.number} (${r.specialtyName}) действует до ${ruDate(r.lastValidDay)}. Запишитесь к врачу, пока оно не истекло.`;
  return {
    kind: "referral_expiring",
    title: "Направление скоро истечёт",
    text,
    sms: `Приём: ${text}`,
    referralId: r.referralId,
    dedupeKey: `referral-expiring:${r.referralId}:${r.lastValidDay}`,
  };
}
