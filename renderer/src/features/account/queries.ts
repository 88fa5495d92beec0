import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';

export const accountKey = (accountId: number) => ['registry.account', accountId] as const;

export function useAccountCard(accountId: number) {
  return useQuery({
    queryKey: accountKey(accountId),
    queryFn: () => call('registry.account', { accountId }),
    staleTime: 0,
  });
}
