import ArrowBack from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitState } from '../../../../shared/schemas/visit';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useKey } from '../../components/useKey';
import { useFormat } from '../../i18n/format';
import { AccessPanel } from './AccessPanel';
import { ConsentsTable } from './ConsentsTable';
import { useAccountCard } from './queries';
import { ReprintDialog } from './ReprintDialog';
import { ResidentsTable } from './ResidentsTable';
import { VisitsTable } from './VisitsTable';

export interface AccountScreenProps {
  accountId: number;
  onBack: () => void;
  onVisitStarted: (visit: VisitState) => void;
}

/** The account card: residents, access, consents, visits; Enter starts the right visit, Esc goes back. */
export function AccountScreen({ accountId, onBack, onVisitStarted }: AccountScreenProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const card = useAccountCard(accountId);
  const [reprint, setReprint] = useState(false);
  const primary = useRef<HTMLButtonElement>(null);
  const start = useMutation({
    mutationFn: (kind: 'issue' | 'reset') => call('visit.start', { accountId, kind }),
    onSuccess: onVisitStarted,
  });
  useKey('Escape', onBack, !reprint);

  const back = (
    <Button startIcon={<ArrowBack />} onClick={onBack} title={t('account.backHint')}>
      {t('account.back')}
    </Button>
  );
  if (card.isPending) return <Loading label={t('account.loading')} />;
  if (card.error) {
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        {back}
        <ErrorAlert error={card.error} />
      </Stack>
    );
  }
  const { account, passportList } = card.data;
  const startKind = start.isPending ? (start.variables ?? null) : null;

  return (
    <Stack spacing={2}>
      <Box>{back}</Box>
      <Box>
        <Typography variant="h1">{t('account.title', { payerCode: account.payerCode })}</Typography>
        <Typography variant="h3" component="p" sx={{ mt: 1, fontWeight: 400 }}>
          {account.address.line}
        </Typography>
        <Typography color="text.secondary">
          {t('account.district', {
            district: account.address.districtName,
            okrug: account.address.okrug,
          })}
        </Typography>
      </Box>
      <AccessPanel
        card={card.data}
        starting={startKind}
        startError={start.error}
        onStart={(kind) => start.mutate(kind)}
        onReprint={() => setReprint(true)}
        primaryRef={primary}
      />
      <ResidentsTable residents={account.residents} />
      <ConsentsTable
        accountId={accountId}
        consents={card.data.consents}
        // The withdraw button is gone with the consent: the focus goes to what comes next.
        onWithdrawn={() => setTimeout(() => primary.current?.focus(), 0)}
      />
      <VisitsTable visits={card.data.visits} />
      {passportList ? (
        <Typography color="text.secondary">
          {t('account.passportList.loaded', { date: fmt.date(passportList.listDate) })}
        </Typography>
      ) : (
        <Alert severity="warning">{t('account.passportList.missing')}</Alert>
      )}
      {reprint && (
        <ReprintDialog
          onClose={() => setReprint(false)}
          onReset={() => {
            setReprint(false);
            start.mutate('reset');
          }}
        />
      )}
    </Stack>
  );
}
