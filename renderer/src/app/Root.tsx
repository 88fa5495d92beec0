import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo, useSession } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { SetupScreen } from '../features/setup/SetupScreen';
import { SignInScreen } from '../features/signin/SignInScreen';
import { Workspace } from '../features/workspace/Workspace';
import { setLanguage } from '../i18n';

/** Decides which screen is shown: set-up, sign-in, locked, or the workspace. */
export function Root() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const session = useSession();
  const language = info.data?.language;

  useEffect(() => {
    if (language) setLanguage(language);
  }, [language]);

  if (info.error || session.error) return <ErrorAlert error={info.error ?? session.error} />;
  if (!info.data || !session.data) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <CircularProgress aria-label={t('app.name')} />
      </Box>
    );
  }
  if (info.data.needsSetup) return <SetupScreen officeName={info.data.officeName} />;
  const { clerk, locked } = session.data;
  if (!clerk) return <SignInScreen officeName={info.data.officeName} />;
  if (locked) return <SignInScreen officeName={info.data.officeName} lockedLogin={clerk.login} />;
  return <Workspace clerk={clerk} info={info.data} />;
}
