import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { supervisorKeys } from '../queries';
import { SettingsEditor } from './SettingsEditor';

/** The workstation's settings, validated with the same schema the core stores them with. */
export function SettingsPanel() {
  const { t } = useTranslation('supervisor');
  const view = useQuery({
    queryKey: supervisorKeys.settings,
    queryFn: () => call('settings.get', {}),
  });
  if (view.error) return <ErrorAlert error={view.error} />;
  if (!view.data) return <Loading label={t('settings.title')} />;
  return <SettingsEditor view={view.data} />;
}
