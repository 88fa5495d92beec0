import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section';
import { fieldGrid } from './grid';
import { useFieldProps, useManaged, type SettingsForm } from './useFieldProps';

/** Where the central account database is (its password has a form of its own). */
export function CentralSettings() {
  const { t } = useTranslation('supervisor');
  const field = useFieldProps();
  const managed = useManaged();
  const { control } = useFormContext<SettingsForm>();
  const districts = field('central.districts');
  const certFile = field('central.certFile');
  return (
    <Section title={t('settings.sections.central')} level="h3">
      <Box sx={fieldGrid}>
        <TextField label={t('settings.central.host')} {...field('central.host')} />
        <TextField
          label={t('settings.central.port')}
          type="number"
          {...field('central.port', { number: true })}
        />
        <TextField label={t('settings.central.database')} {...field('central.database')} />
        <TextField label={t('settings.central.user')} {...field('central.user')} />
        <Controller
          control={control}
          name="central.sslMode"
          render={({ field: f }) => (
            <TextField
              select
              label={t('settings.central.sslMode')}
              {...f}
              {...managed('central.sslMode')}
            >
              {(['verify-full', 'require', 'disable'] as const).map((m) => (
                <MenuItem key={m} value={m}>
                  {t(`settings.central.ssl.${m}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <TextField label={t('settings.central.caFile')} {...field('central.caFile')} />
        <TextField
          label={t('settings.central.certFile')}
          {...certFile}
          helperText={certFile.helperText ?? t('settings.central.certFileHint')}
        />
        <TextField
          label={t('settings.central.districts')}
          {...districts}
          helperText={districts.helperText ?? t('settings.central.districtsHint')}
        />
      </Box>
    </Section>
  );
}
