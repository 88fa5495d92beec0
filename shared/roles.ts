// `public` channels answer without a session (sign-in, first-run set-up); `clerk` channels
// need any signed-in clerk; `supervisor` channels need a supervisor.
export const ROLES = ['clerk', 'supervisor'] as const;
export type StaffRole = (typeof ROLES)[number];
export type ChannelRole = 'public' | StaffRole;

export function roleAllows(have: StaffRole, need: ChannelRole): boolean {
  if (need === 'public' || need === 'clerk') return true;
  return have === 'supervisor';
}
