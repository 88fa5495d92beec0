import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../i18n';
import { Section } from '../../../components/Section';
import { fieldGrid } from './grid';
import { useFieldProps, useManaged, type SettingsForm } from './useFieldProps';

/** The office, the personal-data operator named in the consent, and the workstation's language. */
export function OfficeSettings() {
  const { t } = useTranslation('supervisor');
  const field = useFieldProps();
  const managed = useManaged();
  const { control } = useFormContext<SettingsForm>();
  return (
    <Section title={t('settings.sections.office')} level="h3">
      <Box sx={fieldGrid}>
        <TextField label={t('settings.office.name')} {...field('office.name')} />
        <TextField label={t('settings.office.code')} {...field('office.code')} />
        <TextField label={t('settings.office.address')} {...field('office.address')} />
        <TextField label={t('settings.office.phone')} {...field('office.phone')} />
        <TextField label={t('settings.office.city')} {...field('office.city')} />
        <TextField label={t('settings.operator.name')} {...field('operator.name')} />
        <TextField label={t('settings.operator.address')} {...field('operator.address')} />
        <Controller
          control={control}
          name="language"
          render={({ field: f }) => (
            <TextField select label={t('settings.language')} {...f} {...managed('language')}>
              {LANGUAGES.map((l) => (
                <MenuItem key={l} value={l} lang={l}>
                  {t(`settings.languages.${l}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Box>
    </Section>
  );
}
