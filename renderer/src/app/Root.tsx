import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetPersonalData, useAppInfo, useSession } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { SignInScreen } from '../features/signin/SignInScreen';
import { isLang, setLanguage } from '../i18n';

// Only the sign-in screen is in the first chunk: set-up, the password change and the whole
// workspace (and, inside it, the supervisor area) load when they are needed.
const SetupScreen = lazy(() =>
  import('../features/setup/SetupScreen').then((m) => ({ default: m.SetupScreen })),
);
const ChangePasswordScreen = lazy(() =>
  import('../features/password/ChangePasswordScreen').then((m) => ({
    default: m.ChangePasswordScreen,
  })),
);
const KeyLostScreen = lazy(() =>
  import('../features/recovery/KeyLostScreen').then((m) => ({ default: m.KeyLostScreen })),
);
const Workspace = lazy(() =>
  import('../features/workspace/Workspace').then((m) => ({ default: m.Workspace })),
);

/** Decides which screen is shown: set-up, sign-in, locked, password change, or the workspace. */
export function Root() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const session = useSession();
  const language = info.data?.language;
  const clerk = session.data?.clerk ?? null;
  const locked = session.data?.locked ?? false;
  const signedOut = session.data !== undefined && (clerk === null || locked);

  useEffect(() => {
    if (language && isLang(language)) setLanguage(language);
  }, [language]);

  // A locked or signed-out workstation keeps no resident's data in memory.
  useEffect(() => {
    if (signedOut) forgetPersonalData();
  }, [signedOut]);

  if (info.error || session.error) return <ErrorAlert error={info.error ?? session.error} />;
  if (!info.data || !session.data) return <Loading label={t('app.loading')} fullScreen />;

  let screen;
  if (info.data.keyLost) screen = <KeyLostScreen loss={info.data.keyLost} />;
  else if (info.data.needsSetup)
    screen = (
      <SetupScreen
        officeName={info.data.officeName}
        mode={info.data.setupMode}
        centreError={info.data.centreError}
      />
    );
  else if (!clerk) screen = <SignInScreen officeName={info.data.officeName} />;
  else if (locked) {
    screen = (
      <SignInScreen
        officeName={info.data.officeName}
        locked={{ login: clerk.login, fullName: clerk.fullName }}
      />
    );
  } else if (clerk.mustChangePassword) screen = <ChangePasswordScreen clerk={clerk} />;
  else screen = <Workspace clerk={clerk} info={info.data} />;

  return <Suspense fallback={<Loading label={t('app.loading')} fullScreen />}>{screen}</Suspense>;
}
