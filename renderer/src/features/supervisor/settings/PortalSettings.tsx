import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section';
import { fieldGrid } from './grid';
import { useFieldProps } from './useFieldProps';

/** What the information sheet tells the resident, and how temporary passwords are made. */
export function PortalSettings() {
  const { t } = useTranslation('supervisor');
  const field = useFieldProps();
  const num = (name: Parameters<typeof field>[0]) => ({
    type: 'number',
    ...field(name, { number: true }),
  });
  return (
    <Section title={t('settings.sections.portal')} level="h3">
      <Box sx={fieldGrid}>
        <TextField label={t('settings.portalUrl')} {...field('portalUrl')} />
        <TextField label={t('settings.meterDeadlineDay')} {...num('meterDeadlineDay')} />
        <TextField label={t('settings.dataDelayDays')} {...num('dataDelayDays')} />
        <TextField label={t('settings.activationMinutes')} {...num('activationMinutes')} />
        <TextField label={t('settings.passwordLength')} {...num('password.length')} />
        <TextField label={t('settings.groupSize')} {...num('password.groupSize')} />
        <TextField label={t('settings.unusedExpiryDays')} {...num('password.unusedExpiryDays')} />
        <TextField
          label={t('settings.resetApprovalWindowDays')}
          {...num('resetApprovalWindowDays')}
        />
        <TextField label={t('settings.idleLockMinutes')} {...num('idleLockMinutes')} />
        <TextField
          label={t('settings.passportListMaxAgeDays')}
          {...num('passportListMaxAgeDays')}
        />
      </Box>
    </Section>
  );
}
