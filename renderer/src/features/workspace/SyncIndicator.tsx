import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import HelpOutline from '@mui/icons-material/HelpOutlineOutlined';
import SyncDisabledOutlined from '@mui/icons-material/SyncDisabledOutlined';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/schemas/supervisor';
import { useFormat } from '../../i18n/format';
import { SyncDialog } from './SyncDialog';
import { useSyncStatus } from './useSyncStatus';

const ICONS = {
  online: CloudDoneOutlined,
  offline: CloudOffOutlined,
  syncing: CloudSyncOutlined,
  disabled: SyncDisabledOutlined,
  unknown: HelpOutline,
} as const;

export interface SyncIndicatorProps {
  /** Shown in the dialog: only a supervisor can see the dead letters themselves. */
  supervisor: boolean;
  /** A narrow window: the state without the «Синхронизация:» prefix (still the button's name). */
  compact?: boolean;
}

/** The app bar's sync state: online, offline since when, how much is waiting. */
export function SyncIndicator({ supervisor, compact = false }: SyncIndicatorProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  const s: SyncStatus | undefined = status.data;
  const state = s?.state ?? 'unknown';
  const Icon = ICONS[state];
  // "offline since 10:02" says both what and since when.
  const parts = [
    s?.state === 'offline' && s.offlineSince
      ? t('sync.offlineSince', { time: fmt.time(s.offlineSince) })
      : t(`sync.state.${state}`),
  ];
  if (s && s.pending > 0) parts.push(t('sync.pending', { count: s.pending }));
  if (s && s.held > 0) parts.push(t('sync.held', { count: s.held }));
  const label = t('sync.button', { state: parts.join(', ') });
  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        size="small"
        startIcon={<Icon />}
        onClick={() => setOpen(true)}
        aria-label={compact ? label : undefined}
        data-testid="sync-indicator"
        data-state={state}
        sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
      >
        {compact ? capitalise(parts.join(', ')) : label}
      </Button>
      {open && (
        <SyncDialog
          status={s}
          error={status.error}
          supervisor={supervisor}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

const capitalise = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
