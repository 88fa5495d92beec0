import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_RETENTION_DAYS,
  WITHDRAWAL_DESTROY_DAYS,
} from '../../../../../shared/schemas/settings';
import { Section } from '../../../components/Section';
import { fieldGrid } from './grid';
import { useFieldProps } from './useFieldProps';

/** How long what a consent covered is kept, and who signs the acts of its destruction. */
export function PersonalDataSettings() {
  const { t } = useTranslation('supervisor');
  const field = useFieldProps();
  const retention = field('personalData.retentionDays', { number: true });
  return (
    <Section title={t('settings.sections.personalData')} level="h3">
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('settings.personalData.intro', { withdrawalDays: WITHDRAWAL_DESTROY_DAYS })}
      </Typography>
      <Box sx={fieldGrid}>
        <TextField
          type="number"
          label={t('settings.personalData.retentionDays')}
          {...retention}
          helperText={
            retention.helperText ??
            t('settings.personalData.retentionDefault', { days: DEFAULT_RETENTION_DAYS })
          }
        />
        <TextField
          label={t('settings.personalData.responsibleName')}
          {...field('personalData.responsibleName')}
        />
        <TextField
          label={t('settings.personalData.responsiblePosition')}
          {...field('personalData.responsiblePosition')}
        />
      </Box>
    </Section>
  );
}
