import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Settings, type Settings as SettingsValues } from '../../../../../shared/schemas/settings';
import type { SettingsView } from '../../../../../shared/schemas/supervisor';
import type { z } from 'zod';
import { call } from '../../../api/client';
import { keys } from '../../../api/queries';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useUnsaved } from '../../../components/LeaveGuard';
import { printerStatusKey } from '../../../components/PrinterWarning';
import { Section } from '../../../components/Section';
import { supervisorKeys } from '../queries';
import { CentralPasswordForm } from './CentralPasswordForm';
import { ClientKeyForm } from './ClientKeyForm';
import { CentralSettings } from './CentralSettings';
import { OfficeSettings } from './OfficeSettings';
import { PersonalDataSettings } from './PersonalDataSettings';
import { PortalSettings } from './PortalSettings';
import { PrinterSettings } from './PrinterSettings';
import { ManagedSettings, type SettingsForm } from './useFieldProps';

export interface SettingsEditorProps {
  view: z.infer<typeof SettingsView>;
}

/** The settings form, then (a separate form) the central database password. */
export function SettingsEditor({ view }: SettingsEditorProps) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const qc = useQueryClient();
  const form = useForm<SettingsForm, unknown, SettingsValues>({
    resolver: zodResolver(Settings),
    defaultValues: view.settings,
  });
  const savedRef = useRef<HTMLDivElement>(null);
  useUnsaved('settings', form.formState.isDirty);
  const save = useMutation({
    mutationFn: (v: SettingsValues) => call('settings.update', v),
    onSuccess: async (next) => {
      qc.setQueryData(supervisorKeys.settings, next);
      form.reset(next.settings);
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.appInfo }),
        qc.invalidateQueries({ queryKey: printerStatusKey }),
      ]);
    },
  });
  // The button is disabled while saving, which drops the focus: it goes to the outcome.
  useEffect(() => {
    if (save.isSuccess) savedRef.current?.focus();
  }, [save.isSuccess, save.submittedAt]);
  return (
    <ManagedSettings.Provider value={view.managed}>
      <FormProvider {...form}>
        <Stack spacing={2}>
          <Stack
            component="form"
            noValidate
            spacing={2}
            aria-labelledby="settings-title"
            onSubmit={(e) => void form.handleSubmit((v) => save.mutate(v))(e)}
          >
            <Typography id="settings-title" variant="h2">
              {t('settings.title')}
            </Typography>
            <OfficeSettings />
            <PrinterSettings />
            <PortalSettings />
            <PersonalDataSettings />
            <CentralSettings />
            {save.isSuccess && !form.formState.isDirty && (
              <Alert severity="success" role="status" ref={savedRef} tabIndex={-1}>
                {t('settings.saved')}
              </Alert>
            )}
            <ErrorAlert error={save.error} />
            <Button
              type="submit"
              variant="contained"
              size="large"
              loading={save.isPending}
              sx={{ alignSelf: 'flex-start' }}
            >
              {tc('actions.save')}
            </Button>
          </Stack>
          {view.managed.includes('central') ? (
            // The policy carries the login's password or certificate key: nothing to set here.
            <Section title={t('settings.central.credentials')} level="h3">
              <Alert severity="info" data-testid="central-credentials-managed" sx={{ mt: 2 }}>
                {t('settings.central.credentialsManaged')}
              </Alert>
            </Section>
          ) : (
            <>
              <Section title={t('settings.central.password')} level="h3">
                <CentralPasswordForm passwordSet={view.centralPasswordSet} />
              </Section>
              <Section title={t('settings.central.clientKey')} level="h3">
                <ClientKeyForm keySet={view.clientKeySet} />
              </Section>
            </>
          )}
        </Stack>
      </FormProvider>
    </ManagedSettings.Provider>
  );
}
