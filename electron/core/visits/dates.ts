/** The office's calendar date (`YYYY-MM-DD`) at `at`: passports are judged by local days. */
export function localDate(at: Date, timeZone = 'Europe/Moscow'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDaysIso(at: Date, days: number): string {
  return new Date(at.getTime() + days * 86_400_000).toISOString();
}
