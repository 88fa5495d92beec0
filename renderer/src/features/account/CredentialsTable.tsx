import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CredentialView } from '../../../../shared/schemas/account';
import { useFormat } from '../../i18n/format';
import { conflictText } from './conflictText';

export interface CredentialsTableProps {
  credentials: CredentialView[];
}

const COLOURS = { issued: 'success', expired: 'warning', revoked: 'default' } as const;

/** What a sync conflict did to this credential, in the reader's language. */
function ConflictNote({ credential: c }: { credential: CredentialView }) {
  const { t } = useTranslation('clerk');
  const { lang } = useFormat();
  const note = conflictText(c.conflict, c.supersededNote, t, lang);
  if (!note) return null;
  return (
    <Typography variant="body2" color="text.secondary">
      {note}
    </Typography>
  );
}

/** Every password issued for the account, newest first, with what the portal reports. */
export function CredentialsTable({ credentials }: CredentialsTableProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const notYet = t('account.access.notYet');
  return (
    <>
      <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1 }}>
        {t('account.access.history')}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('account.access.version')}</TableCell>
            <TableCell>{t('account.access.state')}</TableCell>
            <TableCell>{t('account.access.issuedAt')}</TableCell>
            <TableCell>{t('account.access.issuedBy')}</TableCell>
            <TableCell>{t('account.access.expiresAt')}</TableCell>
            <TableCell>{t('account.access.firstLogin')}</TableCell>
            <TableCell>{t('account.access.passwordChanged')}</TableCell>
            <TableCell>{t('account.access.sheet')}</TableCell>
            <TableCell>{t('account.access.revokedAt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {credentials.map((c) => (
            <TableRow key={c.id}>
              <TableCell>{c.version}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  color={COLOURS[c.state]}
                  label={t(`account.credentialState.${c.state}`)}
                />
              </TableCell>
              <TableCell>{fmt.dateTime(c.issuedAt)}</TableCell>
              <TableCell>{c.issuedBy}</TableCell>
              <TableCell>{fmt.date(c.expiresAt)}</TableCell>
              <TableCell>
                {c.portalFirstLoginAt ? fmt.dateTime(c.portalFirstLoginAt) : notYet}
              </TableCell>
              <TableCell>
                {c.portalPasswordChangedAt ? fmt.dateTime(c.portalPasswordChangedAt) : notYet}
              </TableCell>
              <TableCell>{c.sheetSerial ?? '—'}</TableCell>
              <TableCell>
                {c.revokedAt
                  ? `${fmt.dateTime(c.revokedAt)}${c.revokeReason ? ` (${t(`account.revokeReason.${c.revokeReason}`, { defaultValue: c.revokeReason })})` : ''}`
                  : '—'}
                <ConflictNote credential={c} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
