import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountCard } from '../../../../shared/schemas/account';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { CredentialsTable } from './CredentialsTable';

export interface AccessPanelProps {
  card: AccountCard;
  starting: 'issue' | 'reset' | null;
  startError: unknown;
  onStart: (kind: 'issue' | 'reset') => void;
  onReprint: () => void;
  /** The primary action (issue or reset), for the screen to put the focus back on. */
  primaryRef?: Ref<HTMLButtonElement>;
}

/**
 * The account's portal access and what the clerk can do about it: issue when there is none
 * that works, reset when there is. The primary action has the focus, so Enter starts it.
 */
export function AccessPanel(props: AccessPanelProps) {
  const { card, starting, startError, onStart, onReprint, primaryRef } = props;
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const current = card.credentials[0];
  const working = current?.state === 'issued';
  let summary: string;
  if (!current) summary = t('account.access.none');
  else if (current.state === 'issued') {
    summary = current.portalFirstLoginAt
      ? t('account.access.issuedUsed', { date: fmt.date(current.issuedAt) })
      : t('account.access.issued', {
          date: fmt.date(current.issuedAt),
          expires: fmt.date(current.expiresAt),
        });
  } else if (current.state === 'expired') {
    summary = t('account.access.expired', { date: fmt.date(current.expiresAt) });
  } else summary = t('account.access.revoked', { date: fmt.date(current.revokedAt) });

  return (
    <Section title={t('account.access.title')}>
      <Alert severity={working ? 'success' : 'info'} sx={{ mb: 2 }}>
        {summary}
        {current?.portalLocked && ` ${t('account.access.portalLocked')}`}
      </Alert>
      {working && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('account.access.activeExists')}
        </Alert>
      )}
      {working && card.repeatReset && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('account.access.repeatReset', {
            date: fmt.date(card.repeatReset.lastResetAt),
            count: card.repeatReset.windowDays,
          })}
        </Alert>
      )}
      <Stack direction="row" spacing={2}>
        {working ? (
          <>
            <Button
              variant="contained"
              size="large"
              autoFocus
              ref={primaryRef}
              loading={starting === 'reset'}
              onClick={() => onStart('reset')}
            >
              {t('account.actions.reset')}
            </Button>
            <Button variant="outlined" size="large" onClick={onReprint}>
              {t('account.actions.newSheet')}
            </Button>
          </>
        ) : (
          <Button
            variant="contained"
            size="large"
            autoFocus
            ref={primaryRef}
            loading={starting === 'issue'}
            onClick={() => onStart('issue')}
          >
            {t('account.actions.issue')}
          </Button>
        )}
      </Stack>
      <ErrorAlert
        error={startError}
        action={
          !working ? undefined : (
            <Button color="inherit" onClick={() => onStart('reset')}>
              {t('account.actions.reset')}
            </Button>
          )
        }
      />
      {card.credentials.length > 0 && <CredentialsTable credentials={card.credentials} />}
    </Section>
  );
}
