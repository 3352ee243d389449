/** `***-***-445 95`: only the last three digits and the check number show. */
export function maskSnils(digits: string): string {
  return `***-***-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** `************1234`: only the last four digits show. */
export function maskEnp(digits: string): string {
  return `${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** Passport series `** **`; number `***456`; department code `***-***`. */
export function maskPassport(p: { series: string; number: string; departmentCode: string }) {
  return { series: "** **", number: `***${p.number.slice(-3)}`, departmentCode: "***-***" };
}

/** Birth certificate: the series' letters hidden (`*-**`), the number's last three digits shown. */
export function maskBirthCertificate(c: { series: string; number: string }) {
  return { series: c.series.replace(/[^-]/g, "*"), number: `***${c.number.slice(-3)}` };
}
