import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormat } from '../../../i18n/format';
import { supervisorKeys } from '../queries';

/** Whether the audit log's hash chain is intact, checked every time the log is opened. */
export function ChainVerdictBanner() {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  const verify = useQuery({
    queryKey: supervisorKeys.verify,
    queryFn: () => call('audit.verify', {}),
    staleTime: 0,
  });
  if (verify.error) return <ErrorAlert error={verify.error} sx={{ mt: 0 }} />;
  const again = (
    <Button color="inherit" loading={verify.isFetching} onClick={() => void verify.refetch()}>
      {t('audit.verifyAgain')}
    </Button>
  );
  if (!verify.data) return <Alert severity="info">{t('audit.verifying')}</Alert>;
  const v = verify.data;
  return v.ok ? (
    <Alert severity="success" action={again} data-testid="chain-verdict" data-ok="true">
      {t('audit.verified', { checked: fmt.number(v.checked) })}
    </Alert>
  ) : (
    <Alert severity="error" action={again} data-testid="chain-verdict" data-ok="false">
      {t('audit.broken', {
        seq: v.firstBroken?.seq ?? '?',
        reason: v.firstBroken ? t(`audit.brokenReason.${v.firstBroken.reason}`) : '',
      })}
    </Alert>
  );
}
