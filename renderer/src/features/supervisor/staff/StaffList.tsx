import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClerkRecord, ClerkSummary } from '../../../../../shared/schemas/session';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { supervisorKeys, useStaff } from '../queries';
import { CreateStaffDialog } from './CreateStaffDialog';
import { ResetStaffPasswordDialog } from './ResetStaffPasswordDialog';
import { StaffRow, type StaffAction } from './StaffRow';

export interface StaffListProps {
  me: ClerkSummary;
}

/** Staff accounts: create, disable or enable, clear a sign-in lock-out, set a new password. */
export function StaffList({ me }: StaffListProps) {
  const { t } = useTranslation('supervisor');
  const qc = useQueryClient();
  const staff = useStaff();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<ClerkRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: supervisorKeys.staff });
  const update = useMutation({
    mutationFn: ({
      clerk,
      action,
    }: {
      clerk: ClerkRecord;
      action: Exclude<StaffAction, 'resetPassword'>;
    }) =>
      call('staff.update', {
        id: clerk.id,
        ...(action === 'unlock' ? { unlock: true } : { disabled: action === 'disable' }),
      }),
    onSuccess: async () => {
      setNotice(t('staff.saved'));
      await refresh();
    },
  });

  const onAction = (clerk: ClerkRecord, action: StaffAction) => {
    setNotice(null);
    if (action === 'resetPassword') setResetting(clerk);
    else update.mutate({ clerk, action });
  };

  return (
    <Section
      title={t('staff.title')}
      actions={
        <Button
          variant="contained"
          startIcon={<PersonAddOutlined />}
          onClick={() => setCreating(true)}
        >
          {t('staff.create')}
        </Button>
      }
    >
      {notice && (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={staff.error ?? update.error} sx={{ mt: 0, mb: 2 }} />
      {staff.isPending && <Loading label={t('staff.title')} />}
      {staff.data && (
        <Table size="small" data-testid="staff-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('staff.login')}</TableCell>
              <TableCell>{t('staff.name')}</TableCell>
              <TableCell>{t('staff.role')}</TableCell>
              <TableCell>{t('staff.state')}</TableCell>
              <TableCell>{t('staff.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {staff.data.map((c) => (
              <StaffRow
                key={c.id}
                clerk={c}
                isMe={c.id === me.id}
                busy={update.isPending}
                onAction={(a) => onAction(c, a)}
              />
            ))}
          </TableBody>
        </Table>
      )}
      {creating && (
        <CreateStaffDialog
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setNotice(t('staff.created', { login: c.login }));
            void refresh();
          }}
        />
      )}
      {resetting && (
        <ResetStaffPasswordDialog
          clerk={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setResetting(null);
            setNotice(t('staff.saved'));
            void refresh();
          }}
        />
      )}
    </Section>
  );
}
