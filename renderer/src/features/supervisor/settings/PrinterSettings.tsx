import Refresh from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Section } from '../../../components/Section';
import { supervisorKeys } from '../queries';
import { fieldGrid } from './grid';
import { useManaged, type SettingsForm } from './useFieldProps';

const NONE = '';

/** The printer is picked from the system's queues, with their state. */
export function PrinterSettings() {
  const { t } = useTranslation('supervisor');
  const { control } = useFormContext<SettingsForm>();
  const printers = useQuery({
    queryKey: supervisorKeys.printers,
    queryFn: () => call('printers.list', {}),
  });
  const chosen = useWatch({ control, name: 'printer' });
  const locked = useManaged()('printer');
  const list = printers.data ?? [];
  const missing =
    chosen !== null && chosen !== NONE && printers.data && !list.some((p) => p.name === chosen);
  return (
    <Section
      title={t('settings.sections.printer')}
      level="h3"
      actions={
        <Button
          startIcon={<Refresh />}
          loading={printers.isFetching}
          onClick={() => void printers.refetch()}
        >
          {t('settings.refreshPrinters')}
        </Button>
      }
    >
      <Box sx={fieldGrid}>
        <Controller
          control={control}
          name="printer"
          render={({ field }) => (
            <TextField
              select
              label={t('settings.printer')}
              value={field.value ?? NONE}
              onChange={(e) => field.onChange(e.target.value === NONE ? null : e.target.value)}
              onBlur={field.onBlur}
              inputRef={field.ref}
              name={field.name}
              // «не выбран» is a value like any other: shown in the field, the label above it,
              // rather than an empty field that looks unfilled.
              helperText={locked.helperText}
              slotProps={{
                select: { displayEmpty: true },
                inputLabel: { shrink: true },
                ...(locked.slotProps ?? {}),
              }}
            >
              <MenuItem value={NONE}>{t('settings.noPrinter')}</MenuItem>
              {missing && (
                <MenuItem value={chosen}>{t('settings.printerMissing', { name: chosen })}</MenuItem>
              )}
              {list.map((p) => (
                <MenuItem key={p.name} value={p.name}>
                  {p.name} — {t(`settings.printerState.${p.state}`)}
                  {p.isDefault ? `, ${t('settings.printerDefault')}` : ''}
                  {p.description ? ` (${p.description})` : ''}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Controller
          control={control}
          name="paper"
          render={({ field }) => (
            <TextField select label={t('settings.paper')} {...field}>
              <MenuItem value="A4">A4</MenuItem>
              <MenuItem value="A5">A5</MenuItem>
            </TextField>
          )}
        />
      </Box>
      {printers.data && list.length === 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {t('settings.noPrinters')}
        </Alert>
      )}
      <ErrorAlert error={printers.error} />
    </Section>
  );
}
