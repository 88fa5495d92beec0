import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentView } from '../../../../shared/schemas/account';
import { Section } from '../../components/Section';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useFormat } from '../../i18n/format';
import { WithdrawConsentDialog } from './WithdrawConsentDialog';

export interface ConsentsTableProps {
  accountId: number;
  consents: ConsentView[];
  /** After a consent was withdrawn and its dialog closed. */
  onWithdrawn?: () => void;
}

export function ConsentsTable({ accountId, consents, onWithdrawn }: ConsentsTableProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const [withdrawing, setWithdrawing] = useState<ConsentView | null>(null);
  return (
    <Section title={t('account.consents.title')}>
      {consents.length === 0 ? (
        <Typography>{t('account.consents.none')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('account.consents.resident')}</TableCell>
              <TableCell>{t('account.consents.version')}</TableCell>
              <TableCell>{t('account.consents.signedAt')}</TableCell>
              <TableCell>{t('account.consents.state')}</TableCell>
              <TableCell>
                <VisuallyHidden>{t('account.consents.withdraw')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {consents.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.residentName}</TableCell>
                <TableCell>{c.textVersion}</TableCell>
                <TableCell>{fmt.dateTime(c.signedAt)}</TableCell>
                <TableCell>
                  {c.withdrawnAt
                    ? t('account.consents.withdrawn', { date: fmt.date(c.withdrawnAt) })
                    : t('account.consents.active')}
                  {c.destroyedAt &&
                    `; ${t('account.consents.destroyed', { date: fmt.date(c.destroyedAt) })}`}
                </TableCell>
                <TableCell align="right">
                  {!c.withdrawnAt && (
                    <Button
                      size="small"
                      aria-label={t('account.consents.withdrawLabel', { name: c.residentName })}
                      onClick={() => setWithdrawing(c)}
                    >
                      {t('account.consents.withdraw')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {withdrawing && (
        <WithdrawConsentDialog
          accountId={accountId}
          consent={withdrawing}
          onClose={() => setWithdrawing(null)}
          onWithdrawn={() => {
            setWithdrawing(null);
            onWithdrawn?.();
          }}
        />
      )}
    </Section>
  );
}
