import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PassportListStatus } from '../../../../../shared/schemas/supervisor';
import { call } from '../../../api/client';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useFormat } from '../../../i18n/format';
import { formatIsoDate, readTypedDate } from '../../../../../shared/domain/dates';
import { isoToDisplay } from '../../../lib/dates';
import { officeDate } from '../../../../../shared/domain/office-time';
import { supervisorKeys } from '../queries';

/** The MVD invalid-passport list in use: its date, size, age, and installing a newer one. */
export function PassportListPanel() {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
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
  // The MVD list's date, for a CSV (an index file carries its own).
  const [typedDate, setTypedDate] = useState(isoToDisplay(officeDate()));
  // Why the typed date cannot be the list's: not a date at all, or a day that does not exist.
  const [dateError, setDateError] = useState<'format' | 'noSuchDay' | null>(null);
  const install = useMutation({
    mutationFn: (listDate: string) => call('passportList.install', { listDate }),
    onMutate: () => {
      setInstalled(false);
      return { before: qc.getQueryData<PassportListStatus>(supervisorKeys.passportList) };
    },
    onSuccess: (next, _v, ctx) => {
      qc.setQueryData(supervisorKeys.passportList, next);
      setInstalled(changed(ctx.before, next));
    },
  });
  // While a CSV is being built into an index (about a minute for the whole MVD list), the
  // core says how far it has got.
  const progress = useQuery({
    queryKey: ['passportList.progress'],
    queryFn: () => call('passportList.progress', {}),
    enabled: install.isPending,
    refetchInterval: 500,
    staleTime: 0,
  });
  const running = install.isPending && progress.data?.running === true ? progress.data : null;
  const submit = () => {
    const r = readTypedDate(typedDate);
    setDateError(r.ok ? null : r.reason === 'no-such-day' ? 'noSuchDay' : 'format');
    if (r.ok) install.mutate(formatIsoDate(r.date));
  };
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
          <Stack
            component="form"
            direction="row"
            sx={{ alignItems: 'flex-start', flexWrap: 'wrap', gap: 2 }}
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <DateField
              label={t('passportList.listDate')}
              value={typedDate}
              onChange={setTypedDate}
              error={dateError !== null}
              helperText={
                dateError ? tc(`validation.${dateError}`) : t('passportList.listDateHint')
              }
              disabled={install.isPending}
              sx={{ width: '16rem' }}
            />
            <Button type="submit" variant="contained" sx={{ mt: 1 }} loading={install.isPending}>
              {t('passportList.install')}
            </Button>
          </Stack>
          {running && (
            <Stack spacing={1} role="status" aria-label={t('passportList.progressLabel')}>
              <LinearProgress aria-label={t('passportList.progressLabel')} />
              <Typography>
                {t(`passportList.${running.phase ?? 'reading'}`, {
                  file: running.file ?? '',
                  rows: fmt.number(running.rows),
                })}
              </Typography>
            </Stack>
          )}
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
