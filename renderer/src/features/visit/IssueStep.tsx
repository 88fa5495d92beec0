import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface IssueStepProps {
  kind: 'issue' | 'reset';
  /** The resident's consent is in force already: no new form to sign. */
  existingConsent: boolean;
  issuing: boolean;
  error: unknown;
  onIssue: () => void;
  onEnd: () => void;
}

export function IssueStep({
  kind,
  existingConsent,
  issuing,
  error,
  onIssue,
  onEnd,
}: IssueStepProps) {
  const { t } = useTranslation('clerk');
  return (
    <section aria-labelledby="issue-title">
      <Typography id="issue-title" variant="h2">
        {t('visit.issue.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {kind === 'reset' ? t('visit.issue.resetIntro') : t('visit.issue.intro')}
      </Typography>
      {existingConsent && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('visit.issue.existingConsent')}
        </Alert>
      )}
      <ErrorAlert error={error} sx={{ mt: 0, mb: 2 }} />
      <Stack direction="row" spacing={2}>
        <Button variant="contained" size="large" autoFocus loading={issuing} onClick={onIssue}>
          {t('visit.issue.submit')}
        </Button>
        <Button size="large" onClick={onEnd}>
          {t('visit.end')}
        </Button>
      </Stack>
    </section>
  );
}
