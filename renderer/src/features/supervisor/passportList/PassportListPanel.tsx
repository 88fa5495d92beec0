import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
  const install = useMutation({
    mutationFn: () => call('passportList.install', {}),
    onSuccess: (s) => qc.setQueryData(supervisorKeys.passportList, s),
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
          <ErrorAlert error={install.error} />
        </Stack>
      )}
    </Section>
  );
}
