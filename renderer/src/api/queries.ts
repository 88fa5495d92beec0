import { MutationCache, QueryCache, QueryClient, useQuery } from '@tanstack/react-query';
import { call, isApiError } from './client';

/**
 * A call refused because the session is locked or gone (the core locks itself after the
 * idle time too) sends the app back to the sign-in screen, whichever screen made the call.
 */
export function onAnyError(error: unknown): void {
  if (isApiError(error, 'SESSION_LOCKED') || isApiError(error, 'NOT_SIGNED_IN')) {
    void queryClient.invalidateQueries({ queryKey: keys.session });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: {
    // The back office is local: no point retrying a refusal, and no window-focus refetches.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

export const keys = {
  appInfo: ['app.info'] as const,
  session: ['session.current'] as const,
  sync: ['sync.status'] as const,
};

const KEEP_ON_LOCK = new Set<unknown>([keys.appInfo[0], keys.session[0]]);

/**
 * Drops everything the screens fetched (accounts, residents, visits, the audit log) and
 * every finished call's result, so that a locked or signed-out workstation holds no personal
 * data in memory. Called whenever the session is locked or ends.
 */
export function forgetPersonalData(): void {
  queryClient.removeQueries({ predicate: (q) => !KEEP_ON_LOCK.has(q.queryKey[0]) });
  queryClient.getMutationCache().clear();
}

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => call('app.info', {}) });
}

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: () => call('session.current', {}) });
}
