import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../../shared/schemas/visit';
import { FindingsList } from './FindingsList';

export interface PassportVerdictProps {
  verdict: CheckResult | null;
  findings: CheckResult['findings'];
  listDate: string | null;
}

/**
 * The findings so far: live ones while the clerk types, the core's verdict (with the
 * invalid-passport list and the match against the account's residents) after a check.
 */
export function PassportVerdict({ verdict, findings, listDate }: PassportVerdictProps) {
  const { t } = useTranslation('clerk');
  if (!verdict && findings.length === 0) return null;
  const hasError = findings.some((f) => f.severity === 'error');
  let severity: 'success' | 'warning' | 'error' | 'info' = 'info';
  let text = t('visit.passport.live');
  if (verdict) {
    if (hasError) [severity, text] = ['error', t('visit.passport.failed')];
    else if (verdict.residentId === null && verdict.mismatch)
      [severity, text] = [
        'error',
        t('visit.passport.mismatchFields', {
          fields: verdict.mismatch.map((f) => t(`visit.passport.part.${f}`)).join(', '),
        }),
      ];
    else if (verdict.residentId === null)
      [severity, text] = ['error', t('visit.passport.mismatch')];
    else if (findings.length > 0) [severity, text] = ['warning', t('visit.passport.warnings')];
    else [severity, text] = ['success', t('visit.passport.passed')];
  }
  return (
    <Alert
      severity={severity}
      role={verdict ? 'alert' : undefined}
      sx={{ mt: 1 }}
      data-testid="passport-verdict"
    >
      <Typography sx={{ fontWeight: 600 }}>{text}</Typography>
      {findings.length > 0 && <FindingsList findings={findings} />}
      {listDate && (
        <Typography variant="body2">{t('visit.passport.listDate', { date: listDate })}</Typography>
      )}
    </Alert>
  );
}
