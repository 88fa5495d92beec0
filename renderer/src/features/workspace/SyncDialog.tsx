import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/schemas/supervisor';
import { call } from '../../api/client';
import { keys } from '../../api/queries';
import { CentreErrorText } from '../../components/CentreErrorText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';

/** What the centre said this workstation is, at the last hello. */
export function enrolmentText(s: SyncStatus, t: TFunction<'clerk'>): string {
  const e = s.enrolment;
  if (!e) return t('sync.enrolment.unknown');
  if (e.mode === 'shared') return t('sync.enrolment.shared', { login: e.login });
  return t('sync.enrolment.enrolled', {
    login: e.login,
    office: e.officeId,
    districts: e.districts.join(', '),
  });
}

export interface SyncDialogProps {
  status: SyncStatus | undefined;
  error: unknown;
  supervisor: boolean;
  onClose: () => void;
}

export function SyncDialog({ status, error, supervisor, onClose }: SyncDialogProps) {
  const { t } = useTranslation('clerk');
  const { t: tc } = useTranslation('common');
  const fmt = useFormat();
  const qc = useQueryClient();
  const syncNow = useMutation({
    mutationFn: () => call('sync.now', {}),
    onSuccess: (s) => qc.setQueryData(keys.sync, s),
  });
  const s = syncNow.data ?? status;
  const rows: [string, ReactNode][] = s
    ? [
        ['state', t(`sync.state.${s.state}`)],
        ['offlineSince', s.offlineSince ? fmt.dateTime(s.offlineSince) : t('sync.none')],
        ['pending', fmt.number(s.pending)],
        ['held', fmt.number(s.held)],
        ['dead', fmt.number(s.dead)],
        ['enrolment', enrolmentText(s, t)],
        ['lastError', <CentreErrorText key="e" text={s.lastError} empty={t('sync.none')} />],
        ['lastSyncAt', s.lastSyncAt ? fmt.dateTime(s.lastSyncAt) : t('sync.never')],
        ['registryAt', s.registryAt ? fmt.dateTime(s.registryAt) : t('sync.never')],
      ]
    : [];
  return (
    <Dialog open onClose={onClose} aria-labelledby="sync-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="sync-dialog-title">{t('sync.title')}</DialogTitle>
      <DialogContent>
        {!s && <Alert severity="warning">{t('sync.statusError')}</Alert>}
        {s?.state === 'disabled' && <Alert severity="info">{t('sync.disabledHint')}</Alert>}
        {s?.state === 'offline' && <Alert severity="warning">{t('sync.offlineHint')}</Alert>}
        {s && s.held > 0 && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {t(supervisor ? 'sync.heldHintSupervisor' : 'sync.heldHint', { count: s.held })}
          </Alert>
        )}
        {s && s.dead > 0 && supervisor && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {t('sync.deadHint')}
          </Alert>
        )}
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 1, mt: 2, mb: 0 }}
        >
          {rows.map(([key, value]) => (
            <Box key={key} sx={{ display: 'contents' }}>
              <Typography component="dt" color="text.secondary">
                {t(`sync.fields.${key}`)}
              </Typography>
              <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {value}
              </Typography>
            </Box>
          ))}
        </Box>
        <ErrorAlert error={syncNow.error ?? (s ? null : error)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{tc('actions.close')}</Button>
        <Button
          variant="contained"
          autoFocus
          loading={syncNow.isPending}
          onClick={() => syncNow.mutate()}
        >
          {t('sync.syncNow')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
