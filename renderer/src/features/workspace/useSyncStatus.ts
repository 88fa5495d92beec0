import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { keys } from '../../api/queries';

export const SYNC_POLL_MS = 5_000;

/** The sync state for the app bar, asked every few seconds. */
export function useSyncStatus() {
  return useQuery({
    queryKey: keys.sync,
    queryFn: () => call('sync.status', {}),
    refetchInterval: SYNC_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}
