/**
 * The one registry of every domain error code, with its Russian (shown first) and English message.
 * Codes are stable snake_case: the API maps them to HTTP statuses and the frontends to fields, so a
 * code is never renamed, only added.
 */
export const ERROR_MESSAGES = {
  // СНИЛС
  snils_required: { ru: "Укажите СНИЛС", en: "Enter the SNILS number" },
  snils_invalid_format: {
    ru: "СНИЛС должен состоять из 11 цифр в формате XXX-XXX-XXX YY",
    en: "SNILS must be 11 digits in the form XXX-XXX-XXX YY",
  },
  snils_all_zeros: { ru: "СНИЛС не может состоять из одних нулей", en: "SNILS cannot be all zeros" },
  snils_checksum: { ru: "Неверное контрольное число СНИЛС", en: "Wrong SNILS check number" },
  // Полис ОМС (ЕНП)
  enp_required: { ru: "Укажите номер полиса ОМС", en: "Enter the medical insurance policy number" },
  enp_invalid_format: {
    ru: "Неверный формат номера полиса: нужно 16 цифр",
    en: "Wrong policy number format: 16 digits are required",
  },
  enp_all_zeros: {
    ru: "Номер полиса не может состоять из одних нулей",
    en: "The policy number cannot be all zeros",
  },
  enp_checksum: { ru: "Неверное контрольное число номера полиса", en: "Wrong policy number check digit" },
  // ОГРН / ОГРНИП
  ogrn_required: { ru: "Укажите ОГРН", en: "Enter the OGRN" },
  ogrn_invalid_format: {
    ru: "ОГРН должен состоять из 13 цифр, ОГРНИП — из 15 цифр",
    en: "OGRN must be 13 digits, OGRNIP 15 digits",
  },
  ogrn_invalid_first_digit: {
    ru: "ОГРН должен начинаться с 1 или 5, ОГРНИП — с 3",
    en: "OGRN must start with 1 or 5, OGRNIP with 3",
  },
  ogrn_checksum: { ru: "Неверное контрольное число ОГРН", en: "Wrong OGRN check digit" },
  // Mobile phone
  phone_required: { ru: "Укажите номер мобильного телефона", en: "Enter a mobile phone number" },
  phone_invalid_format: {
    ru: "Неверный формат номера телефона: укажите номер в виде +7 9XX XXX-XX-XX",
    en: "Wrong phone number format: use +7 9XX XXX-XX-XX",
  },
  phone_landline: {
    ru: "Укажите номер мобильного телефона: на городской номер нельзя отправить СМС",
    en: "Enter a mobile number: a landline cannot receive SMS",
  },
  phone_kazakhstan: {
    ru: "Номера Казахстана (+7 7XX) не поддерживаются: укажите российский мобильный номер",
    en: "Kazakhstan numbers (+7 7XX) are not supported: enter a Russian mobile number",
  },
  // ФИО
  name_required: { ru: "Заполните поле", en: "This field is required" },
  name_too_long: {
    ru: "Слишком длинное значение: не более 100 символов",
    en: "Too long: at most 100 characters",
  },
  name_invalid_characters: {
    ru: "Допустимы только буквы, дефис, апостроф и пробел",
    en: "Only letters, hyphen, apostrophe and space are allowed",
  },
  name_must_start_with_letter: {
    ru: "Значение должно начинаться и заканчиваться буквой",
    en: "The value must start and end with a letter",
  },
  name_mixed_script: {
    ru: "Используйте буквы одного алфавита: кириллицу или латиницу",
    en: "Use letters of one alphabet: Cyrillic or Latin",
  },
  // Referral number
  referral_number_required: { ru: "Укажите номер направления", en: "Enter the referral number" },
  referral_number_invalid_format: {
    ru: "Номер направления должен состоять из 8–12 цифр",
    en: "The referral number must be 8–12 digits",
  },
  // Паспорт РФ
  passport_series_invalid: {
    ru: "Серия паспорта должна состоять из 4 цифр",
    en: "The passport series must be 4 digits",
  },
  passport_number_invalid: {
    ru: "Номер паспорта должен состоять из 6 цифр",
    en: "The passport number must be 6 digits",
  },
  passport_department_code_invalid: {
    ru: "Код подразделения должен быть в формате NNN-NNN",
    en: "The department code must be in the form NNN-NNN",
  },
  passport_issue_date_invalid: {
    ru: "Неверная дата выдачи паспорта: укажите дату в формате ДД.ММ.ГГГГ",
    en: "Wrong passport issue date: use DD.MM.YYYY",
  },
  passport_issue_date_in_future: {
    ru: "Дата выдачи паспорта не может быть в будущем",
    en: "The passport issue date cannot be in the future",
  },
  passport_issue_date_too_early: {
    ru: "Паспорт РФ нового образца выдаётся с 01.10.1997: проверьте дату выдачи",
    en: "Russian passports of this type are issued since 1997-10-01: check the issue date",
  },
  passport_issued_before_14: {
    ru: "Паспорт выдаётся не ранее 14 лет: проверьте дату выдачи и дату рождения",
    en: "A passport is issued from the age of 14: check the issue and birth dates",
  },
  passport_expired: {
    ru: "Срок действия паспорта истёк: паспорт нужно заменить",
    en: "The passport has expired and must be replaced",
  },
  birth_date_invalid: {
    ru: "Неверная дата рождения: укажите дату в формате ДД.ММ.ГГГГ",
    en: "Wrong birth date: use DD.MM.YYYY",
  },
  birth_date_in_future: {
    ru: "Дата рождения не может быть в будущем",
    en: "The birth date cannot be in the future",
  },
  // Accounts
  password_required: { ru: "Введите пароль", en: "Enter a password" },
  password_too_short: {
    ru: "Пароль должен быть не короче 8 символов",
    en: "The password must have at least 8 characters",
  },
  password_too_long: {
    ru: "Пароль должен быть не длиннее 128 символов",
    en: "The password must have at most 128 characters",
  },
  password_needs_lowercase: {
    ru: "Добавьте в пароль строчную букву",
    en: "Add a lower-case letter to the password",
  },
  password_needs_uppercase: {
    ru: "Добавьте в пароль заглавную букву",
    en: "Add an upper-case letter to the password",
  },
  password_needs_digit: { ru: "Добавьте в пароль цифру", en: "Add a digit to the password" },
  password_needs_symbol: {
    ru: "Добавьте в пароль символ, например ! ? - _ #",
    en: "Add a symbol to the password, e.g. ! ? - _ #",
  },
  email_required: { ru: "Укажите адрес электронной почты", en: "Enter an e-mail address" },
  email_invalid_format: {
    ru: "Неверный формат адреса электронной почты, например ivanov@example.ru",
    en: "Wrong e-mail address format, e.g. ivanov@example.ru",
  },
  account_holder_too_young: {
    ru: "Зарегистрироваться самостоятельно можно с 14 лет; ребёнка добавляет родитель в своём кабинете",
    en: "You can register yourself from the age of 14; a parent adds a child in their own account",
  },
  // Birth certificate (children)
  birth_certificate_series_invalid: {
    ru: "Серия свидетельства о рождении: римские цифры латиницей, дефис и две заглавные русские буквы, например IV-МЮ",
    en: "Birth certificate series: a Roman numeral in Latin capitals, a hyphen and two Cyrillic capitals",
  },
  birth_certificate_number_invalid: {
    ru: "Номер свидетельства о рождении — 6 цифр",
    en: "The birth certificate number has 6 digits",
  },
  birth_certificate_issue_date_invalid: {
    ru: "Неверная дата выдачи свидетельства: укажите дату в формате ДД.ММ.ГГГГ",
    en: "Wrong certificate issue date: use DD.MM.YYYY",
  },
  birth_certificate_issued_before_birth: {
    ru: "Свидетельство о рождении не может быть выдано раньше даты рождения",
    en: "A birth certificate cannot be issued before the birth date",
  },
  birth_certificate_issue_date_in_future: {
    ru: "Дата выдачи свидетельства не может быть в будущем",
    en: "The certificate issue date cannot be in the future",
  },
  // Referrals
  referral_issue_date_invalid: {
    ru: "Неверная дата выдачи направления",
    en: "Wrong referral issue date",
  },
  referral_validity_out_of_range: {
    ru: "Срок действия направления должен быть от 7 до 90 дней",
    en: "Referral validity must be between 7 and 90 days",
  },
  referral_transition_not_allowed: {
    ru: "Недопустимое изменение статуса направления",
    en: "This referral status change is not allowed",
  },
  extension_reason_required: {
    ru: "Укажите обоснование продления направления (не менее 10 символов)",
    en: "Give the reason for the extension (at least 10 characters)",
  },
  extension_request_invalid: {
    ru: "Укажите новый срок действия направления: число дней или последнюю дату",
    en: "Give the new validity: a number of days or the last valid date",
  },
  extension_not_longer: {
    ru: "Новый срок действия должен быть больше текущего",
    en: "The new validity must be longer than the current one",
  },
  extension_too_long: {
    ru: "Направление нельзя продлить больше чем на 90 дней в общей сложности",
    en: "A referral cannot be extended past 90 days in total",
  },
  extension_no_capacity: {
    ru: "Продление невозможно: в выбранной клинике нет свободных мест в продлённый срок",
    en: "Cannot extend: the chosen clinic has no free slots in the extended period",
  },
  // Schedules
  schedule_time_invalid: { ru: "Неверное время: укажите ЧЧ:ММ", en: "Wrong time: use HH:MM" },
  schedule_off_grid: {
    ru: "Время должно быть кратно 15 минутам (например, 09:00, 09:15)",
    en: "Times must be on the 15-minute grid (e.g. 09:00, 09:15)",
  },
  schedule_range_empty: {
    ru: "Время начала должно быть раньше времени окончания",
    en: "The start time must be before the end time",
  },
  schedule_visit_minutes_invalid: {
    ru: "Длительность приёма должна быть кратна 15 минутам",
    en: "The visit length must be a multiple of 15 minutes",
  },
  schedule_weekday_invalid: {
    ru: "День недели должен быть числом от 1 (понедельник) до 7 (воскресенье)",
    en: "The weekday must be 1 (Monday) to 7 (Sunday)",
  },
  schedule_rules_overlap: {
    ru: "Интервалы приёма в один день пересекаются",
    en: "Working intervals on the same day overlap",
  },
  schedule_exception_invalid: {
    ru: "Неверное исключение из расписания: для особых часов укажите начало, окончание и длительность приёма",
    en: "Wrong schedule exception: other hours need a start, an end and a visit length",
  },
  schedule_exception_duplicate: {
    ru: "На одну дату указано несколько исключений",
    en: "Several exceptions on the same date",
  },
  schedule_date_invalid: { ru: "Неверная дата", en: "Wrong date" },
  schedule_date_range_invalid: {
    ru: "Дата начала периода должна быть не позже даты окончания",
    en: "The period start must not be after its end",
  },
  schedule_time_zone_invalid: { ru: "Неизвестный часовой пояс", en: "Unknown time zone" },
  // Appointments
  change_too_late: {
    ru: "Перенести или отменить запись можно не позднее чем за 24 часа до приёма",
    en: "An appointment can be changed or cancelled no later than 24 hours before it starts",
  },
  // Booking eligibility
  profile_field_missing: {
    ru: "Заполните профиль: не указано обязательное поле",
    en: "Complete your profile: a required field is empty",
  },
  referral_not_owned: {
    ru: "Направление выписано на другого пациента",
    en: "The referral belongs to another patient",
  },
  referral_not_active: { ru: "Направление недействительно", en: "The referral is not active" },
  referral_used: { ru: "Направление уже использовано", en: "The referral has already been used" },
  referral_withdrawn: { ru: "Направление отозвано клиникой", en: "The referral was withdrawn by the clinic" },
  referral_expired: { ru: "Срок действия направления истёк", en: "The referral has expired" },
  referral_already_booked: {
    ru: "По этому направлению уже есть активная запись",
    en: "This referral already has an active appointment",
  },
  visit_after_referral_expiry: {
    ru: "Дата приёма позже окончания срока действия направления",
    en: "The visit date is after the referral's last valid day",
  },
  doctor_specialty_mismatch: {
    ru: "Специальность врача не совпадает со специальностью в направлении",
    en: "The doctor's specialty does not match the referral",
  },
  clinic_not_allowed: {
    ru: "Направление нельзя использовать в этой клинике",
    en: "The referral cannot be used at this clinic",
  },
  slot_doctor_mismatch: {
    ru: "Выбранное время относится к расписанию другого врача",
    en: "The chosen slot belongs to another doctor's schedule",
  },
  slot_taken: { ru: "Это время уже занято", en: "This slot is already taken" },
  slot_held: {
    ru: "Это время временно удерживается другим пациентом",
    en: "This slot is being held by another patient",
  },
  slot_in_past: { ru: "Нельзя записаться на прошедшее время", en: "Cannot book a time in the past" },
  appointment_overlap: {
    ru: "В это время у вас уже есть другая запись",
    en: "You already have another appointment at this time",
  },
  pediatrician_child_only: {
    ru: "Педиатр принимает только пациентов младше 18 лет",
    en: "A pediatrician sees patients under 18 only",
  },
} as const satisfies Record<string, { ru: string; en: string }>;

/** Every stable error code of the domain. */
export type DomainErrorCode = keyof typeof ERROR_MESSAGES;

/** UI languages of Priyom: Russian first, English second. */
export type Locale = "ru" | "en";
