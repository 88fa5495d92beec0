/**
 * Masks a passport series and number for logs, audit texts and screens that do not need
 * it whole: keeps the region (first two digits) and the last two digits of the number,
 * e.g. `4509 123456` → `45** ****56`. Anything else becomes stars of the same length, so
 * a mistyped or foreign number never leaks either.
 */
export function maskPassport(seriesAndNumber: string): string {
  const digits = seriesAndNumber.replace(/\D/g, '');
  if (digits.length !== 10) return '*'.repeat(Math.max(digits.length, 4));
  return `${digits.slice(0, 2)}** ****${digits.slice(8)}`;
}
