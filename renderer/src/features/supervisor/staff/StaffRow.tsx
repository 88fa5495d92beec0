import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { ClerkRecord } from '../../../../../shared/schemas/session';
import { useFormat } from '../../../i18n/format';

export type StaffAction = 'disable' | 'enable' | 'unlock' | 'resetPassword';

export interface StaffRowProps {
  clerk: ClerkRecord;
  isMe: boolean;
  busy: boolean;
  onAction: (action: StaffAction) => void;
}

export function StaffRow({ clerk, isMe, busy, onAction }: StaffRowProps) {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation('common');
  const fmt = useFormat();
  const lockedOut =
    clerk.lockedOutUntil !== null && clerk.lockedOutUntil > new Date().toISOString();
  const states = [clerk.disabled ? t('staff.disabled') : t('staff.active')];
  if (lockedOut) states.push(t('staff.lockedOut', { until: fmt.dateTime(clerk.lockedOutUntil) }));
  if (clerk.mustChangePassword) states.push(t('staff.mustChange'));
  const button = (action: StaffAction, label: string) => (
    <Button
      size="small"
      variant="outlined"
      disabled={busy}
      onClick={() => onAction(action)}
      aria-label={`${label}: ${clerk.fullName}`}
    >
      {label}
    </Button>
  );
  return (
    <TableRow data-login={clerk.login}>
      <TableCell>{clerk.login}</TableCell>
      <TableCell>
        {clerk.fullName}
        {isMe && <Chip size="small" label={t('staff.you')} sx={{ ml: 1 }} />}
      </TableCell>
      <TableCell>{tc(`roles.${clerk.role}`)}</TableCell>
      <TableCell>{states.join('; ')}</TableCell>
      <TableCell>
        {!isMe && (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {clerk.disabled
              ? button('enable', t('staff.enable'))
              : button('disable', t('staff.disable'))}
            {lockedOut && button('unlock', t('staff.unlock'))}
            {button('resetPassword', t('staff.resetPassword'))}
          </Stack>
        )}
      </TableCell>
    </TableRow>
  );
}
