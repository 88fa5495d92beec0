export function addDaysIso(at: Date, days: number): string {
  return new Date(at.getTime() + days * 86_400_000).toISOString();
}
