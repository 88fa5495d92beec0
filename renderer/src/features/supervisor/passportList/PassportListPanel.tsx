import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PassportListStatus } from '../../../../../shared/schemas/supervisor';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useFormat } from '../../../i18n/format';
import { supervisorKeys } from '../queries';

/** The MVD invalid-passport list in use: its date, size, age, and installing a newer one. */
export function PassportListPanel() {
  const { t } = useTranslation('supervisor');
  const fmt = useFormat();
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: supervisorKeys.passportList,
    queryFn: () => call('passportList.status', {}),
    staleTime: 0,
  });
  // «Список обновлён.» once a new list is in use. The core answers a cancelled file choice with
  // the unchanged status, so a list is taken as installed when the status it answers differs.
  const [installed, setInstalled] = useState(false);
  const install = useMutation({
    mutationFn: () => call('passportList.install', {}),
    onMutate: () => {
      setInstalled(false);
      return { before: qc.getQueryData<PassportListStatus>(supervisorKeys.passportList) };
    },
    onSuccess: (next, _v, ctx) => {
      qc.setQueryData(supervisorKeys.passportList, next);
      setInstalled(changed(ctx.before, next));
    },
  });
  const s = install.data ?? status.data;
  return (
    <Section title={t('passportList.title')}>
      <ErrorAlert error={status.error} sx={{ mt: 0, mb: 2 }} />
      {!s && !status.error && <Loading label={t('passportList.title')} />}
      {s && (
        <Stack spacing={2} data-testid="passport-list-status">
          {s.loaded ? (
            <>
              <Typography>
                {t('passportList.loaded', {
                  date: fmt.date(s.listDate),
                  entries: fmt.number(s.entries ?? 0),
                })}
              </Typography>
              <Typography>
                {t('passportList.age', { days: s.ageDays ?? 0, max: s.maxAgeDays })}
              </Typography>
              {s.stale ? (
                <Alert severity="warning">{t('passportList.stale')}</Alert>
              ) : (
                <Alert severity="success">{t('passportList.fresh')}</Alert>
              )}
            </>
          ) : (
            <Alert severity="warning">{t('passportList.missing')}</Alert>
          )}
          <Typography color="text.secondary">{t('passportList.installHint')}</Typography>
          <Button
            variant="contained"
            sx={{ alignSelf: 'flex-start' }}
            loading={install.isPending}
            onClick={() => install.mutate()}
          >
            {t('passportList.install')}
          </Button>
          {installed && (
            <Alert severity="success" role="status">
              {t('passportList.installed')}
            </Alert>
          )}
          <ErrorAlert error={install.error} />
        </Stack>
      )}
    </Section>
  );
}

/** Whether an install left a different list in use than before it. */
function changed(before: PassportListStatus | undefined, after: PassportListStatus): boolean {
  if (!after.loaded) return false;
  return !before?.loaded || before.listDate !== after.listDate || before.entries !== after.entries;
}
