/** Messages of the priority requests' own rules (the referral's come from the domain). */
export const PRIORITY_MESSAGES = {
  reason_length: {
    ru: "Опишите, почему нужна срочная запись: от 10 до 1000 символов",
    en: "Say why an early visit is needed: 10 to 1000 characters",
  },
  decline_reason_length: {
    ru: "Укажите причину отказа: не менее 5 символов",
    en: "Give the reason for declining: at least 5 characters",
  },
} as const;
