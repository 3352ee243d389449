/**
 * The domain's catalogue of hostile values: what a person (or a script) can type into a booking
 * service that a naive one stores, shows or computes wrong. Each is a string, since that is what
 * reaches the API through a form field, a query or a path segment.
 */

/** Latin letters that look Cyrillic (and back): a name or passport series typed on the wrong layout. */
export const LOOK_ALIKES = [
  "Иванов", // all Cyrillic, the baseline
  "Ивaнoв", // Latin a and o inside
  "CEPГЕЙ", // Latin C, E, P
  "Petrov",
  "45 0З", // Cyrillic З for the digit 3 in a passport series
  "45О3 123456", // Cyrillic О for zero
  "ОООО 000000",
  "АВ 123456",
  "АB 12345б", // Cyrillic б for 6
  "Ё ё Й й", // letters some systems fold
];

const LONG = "я".repeat(10_000);

/** Markup and query fragments: must be stored as text and shown as text, never run. */
export const INJECTIONS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "'; DROP TABLE appointments; --",
  "' OR '1'='1",
  "1; SELECT pg_sleep(10)",
  "$$; select 1; $$",
  "{{7*7}}",
  "${7*7}",
  "%00",
  "../../etc/passwd",
  "\\u0000",
];

/** Control characters, CRLF (header and log injection), invisible and odd Unicode. */
export const CONTROL = [
  // Header and log-line injection; not a `Set-Cookie` (the suite's log scan reads that as a cookie
  // when the request log records the path, JSON-escaped, as it should).
  "a\r\nX-Injected: 1",
  "line\nbreak",
  "tab\there",
  "nul\u0000byte",
  "\u0007\u0008\u001b[31m",
  "\u200b\u200d\u2060", // zero-width
  "\u202eRTL override",
  "\ud800", // a lone surrogate
  "😀👨‍👩‍👧",
  " ",
  "",
  "   leading and trailing   ",
];

/** Dates and times that are impossible, rare or far away; every Russian time zone. */
export const DATES = [
  "2024-02-29", // a real leap day
  "2025-02-29", // not a leap year
  "2023-02-30",
  "2024-13-01",
  "2024-00-10",
  "2024-04-31",
  "0000-01-01",
  "1900-01-01",
  "1000-01-01",
  "9999-12-31",
  "275760-09-13",
  "2024-1-1",
  "01.02.2024",
  "2024-03-31T02:30:00", // a spring-forward hour in Europe (not in Russia since 2014)
  "2024-06-01T25:00:00Z",
  "2024-06-01T12:00:00+14:00",
  "2024-06-01T12:00:00-12:00",
];

export const RUSSIAN_TIME_ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
];

/** Numbers at and past every boundary, written as the strings a query or path carries. */
export const NUMBERS = ["0", "-1", "1e309", "NaN", "Infinity", "2147483648", "1.5", "0x10", "101", "100000"];

/** The whole catalogue, each string once. */
export const TRAPS: string[] = [
  ...new Set([...LOOK_ALIKES, LONG, ...INJECTIONS, ...CONTROL, ...DATES, ...RUSSIAN_TIME_ZONES, ...NUMBERS]),
];
