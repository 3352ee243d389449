/** Messages of the waitlist's own rules (the referral's come from the domain). */
export const WAITLIST_MESSAGES = {
  date_invalid: { ru: "Укажите дату в формате ГГГГ-ММ-ДД", en: "Enter the date as YYYY-MM-DD" },
  from_in_past: { ru: "Дата начала не может быть в прошлом", en: "The start date cannot be in the past" },
  range_reversed: {
    ru: "Дата окончания не может быть раньше даты начала",
    en: "The end date cannot be before the start date",
  },
  after_referral: {
    ru: "Дата окончания позже последнего дня действия направления",
    en: "The end date is after the referral's last valid day",
  },
  clinic_not_allowed: {
    ru: "Направление нельзя использовать в выбранной поликлинике",
    en: "The referral cannot be used at a chosen clinic",
  },
  doctor_not_allowed: {
    ru: "Выберите врачей нужной специальности из поликлиник, где действует направление",
    en: "Choose doctors of the referral's specialty in the clinics it allows",
  },
} as const;
