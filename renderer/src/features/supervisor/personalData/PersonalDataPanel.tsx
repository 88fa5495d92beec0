import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '../../../../../shared/schemas/personal-data';
import { call } from '../../../api/client';
import { DocumentPrintAlert } from '../../../components/DocumentPrintAlert';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useFormat } from '../../../i18n/format';

const keys = {
  due: ['personalData.due'] as const,
  acts: ['personalData.acts'] as const,
};

function useWhat() {
  const { t } = useTranslation('supervisor');
  return (item: Pick<DueItem, 'consent' | 'checks' | 'categories'>) =>
    [
      item.consent && t('personalData.what.consent'),
      item.checks > 0 && t('personalData.what.checks', { count: item.checks }),
      item.categories.includes('representative') && t('personalData.what.representative'),
    ]
      .filter(Boolean)
      .join('; ');
}

/** What is due for destruction now, a button not to wait for the daily job, and the acts. */
export function PersonalDataPanel() {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const fmt = useFormat();
  const qc = useQueryClient();
  const what = useWhat();
  const [confirming, setConfirming] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const due = useQuery({
    queryKey: keys.due,
    queryFn: () => call('personalData.due', {}),
    staleTime: 0,
  });
  const acts = useQuery({
    queryKey: keys.acts,
    queryFn: () => call('personalData.acts', {}),
    staleTime: 0,
  });
  const destroy = useMutation({
    mutationFn: () => call('personalData.destroyDue', {}),
    onSettled: async () => {
      setConfirming(false);
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.due }),
        qc.invalidateQueries({ queryKey: keys.acts }),
      ]);
    },
  });
  const print = useMutation({
    mutationFn: (v: { actId: string; part: 'act' | 'extract'; serial: string }) =>
      call('personalData.printAct', { actId: v.actId, part: v.part }),
  });
  // The dialog's button is gone once it closes: the focus goes to what happened.
  useEffect(() => {
    if (destroy.isSuccess) outcome.current?.focus();
  }, [destroy.isSuccess, destroy.submittedAt]);

  const items = due.data?.items ?? [];
  return (
    <Stack spacing={3}>
      <Section title={t('personalData.due.title')} level="h2">
        {due.data && (
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('personalData.due.rules', {
              withdrawalDays: due.data.withdrawalDays,
              retentionDays: due.data.retentionDays,
            })}
          </Typography>
        )}
        <ErrorAlert error={due.error ?? destroy.error} sx={{ mt: 0, mb: 2 }} />
        {destroy.isSuccess && (
          <Alert severity="success" role="status" ref={outcome} tabIndex={-1} sx={{ mb: 2 }}>
            {t('personalData.due.destroyed', { count: destroy.data.length })}
          </Alert>
        )}
        {due.isPending && <Loading label={t('personalData.due.title')} />}
        {due.data && items.length === 0 && <Typography>{t('personalData.due.empty')}</Typography>}
        {items.length > 0 && (
          <>
            <Table size="small" aria-label={t('personalData.due.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('personalData.subject')}</TableCell>
                  <TableCell>{t('personalData.payerCode')}</TableCell>
                  <TableCell>{t('personalData.reason')}</TableCell>
                  <TableCell>{t('personalData.what.title')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((item, i) => (
                  <TableRow key={`${item.consentId ?? ''}-${i}`}>
                    <TableCell>{item.subjectName || '—'}</TableCell>
                    <TableCell>{item.payerCode}</TableCell>
                    <TableCell>{t(`personalData.reasons.${item.reason}`)}</TableCell>
                    <TableCell>{what(item)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Button
              variant="contained"
              color="error"
              sx={{ mt: 2 }}
              onClick={() => setConfirming(true)}
            >
              {t('personalData.due.destroy')}
            </Button>
          </>
        )}
      </Section>

      <Section title={t('personalData.acts.title')} level="h2">
        <ErrorAlert error={acts.error ?? print.error} sx={{ mt: 0, mb: 2 }} />
        {print.data && print.variables && (
          <DocumentPrintAlert
            record={print.data}
            label={t(`personalData.acts.${print.variables.part}Label`, {
              serial: print.variables.serial,
            })}
          />
        )}
        {acts.isPending && <Loading label={t('personalData.acts.title')} />}
        {acts.data?.length === 0 && <Typography>{t('personalData.acts.empty')}</Typography>}
        {acts.data && acts.data.length > 0 && (
          <Table size="small" aria-label={t('personalData.acts.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('personalData.acts.serial')}</TableCell>
                <TableCell>{t('personalData.acts.date')}</TableCell>
                <TableCell>{t('personalData.subject')}</TableCell>
                <TableCell>{t('personalData.payerCode')}</TableCell>
                <TableCell>{t('personalData.reason')}</TableCell>
                <TableCell>{t('personalData.acts.by')}</TableCell>
                <TableCell>{t('personalData.acts.print')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {acts.data.map((a) => (
                <TableRow key={a.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{a.serial}</TableCell>
                  <TableCell>{fmt.dateTime(a.createdAt)}</TableCell>
                  <TableCell>{a.subjectName || '—'}</TableCell>
                  <TableCell>{a.payerCode}</TableCell>
                  <TableCell>{t(`personalData.reasons.${a.reason}`)}</TableCell>
                  <TableCell>{a.destroyedBy ?? t('personalData.acts.job')}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      {(['act', 'extract'] as const).map((part) => (
                        <Button
                          key={part}
                          size="small"
                          variant="outlined"
                          loading={
                            print.isPending &&
                            print.variables.actId === a.id &&
                            print.variables.part === part
                          }
                          aria-label={t(`personalData.acts.${part}Label`, { serial: a.serial })}
                          onClick={() => print.mutate({ actId: a.id, part, serial: a.serial })}
                        >
                          {t(`personalData.acts.${part}`)}
                        </Button>
                      ))}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      {confirming && (
        <Dialog
          open
          onClose={() => !destroy.isPending && setConfirming(false)}
          aria-labelledby="destroy-title"
          aria-describedby="destroy-text"
        >
          <DialogTitle id="destroy-title">{t('personalData.confirm.title')}</DialogTitle>
          <DialogContent>
            <DialogContentText id="destroy-text">
              {t('personalData.confirm.text', { count: items.length })}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button autoFocus onClick={() => setConfirming(false)} disabled={destroy.isPending}>
              {tc('actions.cancel')}
            </Button>
            <Button
              variant="contained"
              color="error"
              loading={destroy.isPending}
              onClick={() => destroy.mutate()}
            >
              {t('personalData.confirm.destroy')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Stack>
  );
}
