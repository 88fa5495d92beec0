import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';

export const supervisorKeys = {
  staff: ['staff.list'] as const,
  settings: ['settings.get'] as const,
  printers: ['printers.list'] as const,
  passportList: ['passportList.status'] as const,
  dead: ['sync.dead'] as const,
  conflicts: ['sync.conflicts'] as const,
  review: ['centre.review'] as const,
  verify: ['audit.verify'] as const,
};

/** Fetched afresh whenever a screen shows it: a lock-out happens while no one is looking. */
export function useStaff() {
  return useQuery({
    queryKey: supervisorKeys.staff,
    queryFn: () => call('staff.list', {}),
    staleTime: 0,
  });
}
