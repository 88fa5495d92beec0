import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CentreReview } from './CentreReview';
import { Conflicts } from './Conflicts';
import { DeadOperations } from './DeadOperations';

export function SyncPanel() {
  const { t } = useTranslation('supervisor');
  return (
    <Stack spacing={2}>
      <Typography variant="h2">{t('sync.title')}</Typography>
      <CentreReview />
      <DeadOperations />
      <Conflicts />
    </Stack>
  );
}
