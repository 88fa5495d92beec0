import { QueryClient, useQuery } from '@tanstack/react-query';
import { call } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // The back office is local: no point retrying a refusal, and no window-focus refetches.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

export const keys = {
  appInfo: ['app.info'] as const,
  session: ['session.current'] as const,
};

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => call('app.info', {}) });
}

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: () => call('session.current', {}) });
}
