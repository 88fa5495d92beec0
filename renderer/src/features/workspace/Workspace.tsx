import Box from '@mui/material/Box';
import Snackbar from '@mui/material/Snackbar';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ClerkSummary } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { forgetPersonalData, keys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LeaveGuardProvider, useLeaveGuard } from '../../components/LeaveGuard';
import { Loading } from '../../components/Loading';
import { useKey } from '../../components/useKey';
import './i18n';
import { AccountScreen } from '../account/AccountScreen';
import { SearchScreen } from '../search/SearchScreen';
import { VisitScreen } from '../visit/VisitScreen';
import { AppHeader, type Area } from './AppHeader';
import { useIdleLock } from './useIdleLock';
import { EMPTY_SEARCH, type SearchState, type View } from './views';

// The supervisor's screens are their own chunk: a clerk's workstation never loads them.
const SupervisorArea = lazy(() =>
  import('../supervisor/SupervisorArea').then((m) => ({ default: m.SupervisorArea })),
);

export interface WorkspaceProps {
  clerk: ClerkSummary;
  info: AppInfo;
}

/** The signed-in clerk's screen: app bar, then search → account → visit, or the supervisor area. */
export function Workspace(props: WorkspaceProps) {
  return (
    <LeaveGuardProvider>
      <WorkspaceScreens {...props} />
    </LeaveGuardProvider>
  );
}

function WorkspaceScreens({ clerk, info }: WorkspaceProps) {
  const leave = useLeaveGuard();
  const { t } = useTranslation('clerk');
  const qc = useQueryClient();
  const [view, setView] = useState<View>({ name: 'search' });
  const [search, setSearch] = useState<SearchState>(EMPTY_SEARCH);
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useMutation({
    mutationFn: (how: 'lock' | 'signOut') =>
      call(how === 'lock' ? 'session.lock' : 'session.signOut', {}).then(() => how),
    onSuccess: (how) => {
      forgetPersonalData();
      qc.setQueryData(keys.session, {
        clerk: how === 'lock' ? clerk : null,
        locked: how === 'lock',
      });
    },
    onError: () => qc.invalidateQueries({ queryKey: keys.session }),
  });
  const lock = useCallback(() => {
    if (!endSession.isPending) endSession.mutate('lock');
  }, [endSession]);

  useIdleLock(info.idleLockMinutes, lock);
  // Ctrl+L by key position, so it works under the Russian layout too.
  useKey(
    (e) => e.ctrlKey && !e.altKey && e.code === 'KeyL',
    (e) => {
      e.preventDefault();
      lock();
    },
  );

  const area: Area = view.name === 'supervisor' ? 'supervisor' : 'desk';
  const toSearch = () => setView({ name: 'search' });

  let content;
  switch (view.name) {
    case 'search':
      content = (
        <SearchScreen
          state={search}
          onChange={setSearch}
          onOpenAccount={(accountId) => setView({ name: 'account', accountId })}
        />
      );
      break;
    case 'account':
      content = (
        <AccountScreen
          accountId={view.accountId}
          onBack={toSearch}
          onVisitStarted={(visit) => setView({ name: 'visit', visit })}
        />
      );
      break;
    case 'visit':
      content = (
        <VisitScreen
          initial={view.visit}
          mrz={search.mrz}
          matchedIds={
            search.result?.accounts.find((a) => a.accountId === view.visit.account.accountId)
              ?.matchedResidentIds ?? []
          }
          onClosed={(message, issued) => {
            setNotice(message);
            if (issued) {
              setSearch(EMPTY_SEARCH);
              setView({ name: 'search' });
            } else setView({ name: 'account', accountId: view.visit.account.accountId });
            void qc.invalidateQueries({ queryKey: ['registry.account'] });
          }}
        />
      );
      break;
    case 'supervisor':
      content = (
        <Suspense fallback={<Loading label={t('shell.loadingPart')} />}>
          <SupervisorArea clerk={clerk} onBack={toSearch} />
        </Suspense>
      );
      break;
  }

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppHeader
        clerk={clerk}
        info={info}
        area={area}
        onArea={(a) =>
          leave(() => setView(a === 'supervisor' ? { name: 'supervisor' } : { name: 'search' }))
        }
        navLocked={view.name === 'visit'}
        onLock={lock}
        onSignOut={() => leave(() => endSession.mutate('signOut'))}
      />
      <Box component="main" sx={{ p: { xs: 2, md: 3 }, maxWidth: 1280, mx: 'auto' }}>
        <ErrorAlert error={endSession.error} sx={{ mt: 0, mb: 2 }} />
        {content}
      </Box>
      <Snackbar
        open={notice !== null}
        autoHideDuration={6000}
        onClose={() => setNotice(null)}
        message={notice}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </Box>
  );
}
