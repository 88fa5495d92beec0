import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../../shared/audit';
import { DateField } from '../../../components/DateField';
import { displayToIso } from '../../../lib/dates';
import { useStaff } from '../queries';

export interface AuditFilter {
  from?: string;
  to?: string;
  action?: AuditAction;
  clerkId?: string;
  subject?: string;
}

export interface AuditFiltersProps {
  onApply: (filter: AuditFilter) => void;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Date range, action, clerk and payer code; Enter in any field applies them. */
export function AuditFilters({ onApply }: AuditFiltersProps) {
  const { t } = useTranslation('supervisor');
  const { t: tk } = useTranslation('clerk');
  const dateHint = tk('visit.passport.dateHint');
  const staff = useStaff();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [action, setAction] = useState('');
  const [clerkId, setClerkId] = useState('');
  const [subject, setSubject] = useState('');

  const apply = () => {
    const f: AuditFilter = {};
    const fromIso = displayToIso(from);
    const toIso = displayToIso(to);
    if (ISO.test(fromIso)) f.from = fromIso;
    if (ISO.test(toIso)) f.to = toIso;
    if (action) f.action = action as AuditAction;
    if (clerkId) f.clerkId = clerkId;
    if (subject.trim()) f.subject = subject.trim();
    onApply(f);
  };
  const clear = () => {
    setFrom('');
    setTo('');
    setAction('');
    setClerkId('');
    setSubject('');
    onApply({});
  };

  return (
    <Box
      component="form"
      role="search"
      aria-label={t('audit.filters')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      sx={{
        display: 'grid',
        // As many columns as fit with whole labels: five and the buttons on a wide window,
        // fewer rows of them on a narrow one, never a label cut to «Со…».
        gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))',
        gap: 2,
        alignItems: 'start',
      }}
    >
      <DateField label={t('audit.from')} value={from} onChange={setFrom} helperText={dateHint} />
      <DateField label={t('audit.to')} value={to} onChange={setTo} helperText={dateHint} />
      <TextField
        select
        label={t('audit.action')}
        value={action}
        onChange={(e) => setAction(e.target.value)}
      >
        <MenuItem value="">{t('audit.anyAction')}</MenuItem>
        {AUDIT_ACTIONS.map((a) => (
          <MenuItem key={a} value={a}>
            {t(`audit.actions.${a}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('audit.clerk')}
        value={clerkId}
        onChange={(e) => setClerkId(e.target.value)}
      >
        <MenuItem value="">{t('audit.anyClerk')}</MenuItem>
        {(staff.data ?? []).map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {c.fullName}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={t('audit.subject')}
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 20 } }}
      />
      <Button type="submit" variant="contained" sx={{ mt: 1, justifySelf: 'start' }}>
        {t('audit.apply')}
      </Button>
      <Button onClick={clear} sx={{ mt: 1, justifySelf: 'start' }}>
        {t('audit.reset')}
      </Button>
    </Box>
  );
}
