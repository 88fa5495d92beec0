import LockOutlined from '@mui/icons-material/LockOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ClerkSummary } from '../../../../shared/schemas/session';
import { SyncIndicator } from './SyncIndicator';
import { useSyncStatus } from './useSyncStatus';

export type Area = 'desk' | 'supervisor';

export interface AppHeaderProps {
  clerk: ClerkSummary;
  info: AppInfo;
  area: Area;
  onArea: (area: Area) => void;
  /** True while a visit is open: the clerk finishes it before going elsewhere. */
  navLocked: boolean;
  onLock: () => void;
  onSignOut: () => void;
}

export function AppHeader({
  clerk,
  info,
  area,
  onArea,
  navLocked,
  onLock,
  onSignOut,
}: AppHeaderProps) {
  const { t } = useTranslation('clerk');
  const { t: tc } = useTranslation('common');
  const areas: Area[] = clerk.role === 'supervisor' ? ['desk', 'supervisor'] : ['desk'];
  // A replica loaded from the centre is not the demo any more, from the moment it lands.
  const replicaAt = useSyncStatus().data?.registryAt ?? null;
  const demo = info.demoRegistry && replicaAt === null;
  return (
    <AppBar position="static" color="primary" elevation={0}>
      {/* Two fixed rows, so a long office name or a sync queue never reflows the bar:
          who and where above, what the clerk can switch to and the sync state below. */}
      <Toolbar sx={{ gap: 2, pt: 1 }}>
        <Typography variant="h3" component="p" noWrap sx={{ flexShrink: 1, minWidth: 0 }}>
          {t('shell.office', { app: tc('app.name'), office: info.officeName })}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <Typography noWrap sx={{ minWidth: 0 }}>
          {t('shell.clerk', { name: clerk.fullName, role: tc(`roles.${clerk.role}`) })}
        </Typography>
        <Button
          color="inherit"
          startIcon={<LockOutlined />}
          onClick={onLock}
          title={t('shell.lockHint')}
          sx={{ flexShrink: 0 }}
        >
          {t('shell.lock')}
        </Button>
        <Button
          color="inherit"
          startIcon={<LogoutOutlined />}
          onClick={onSignOut}
          sx={{ flexShrink: 0 }}
        >
          {t('shell.signOut')}
        </Button>
      </Toolbar>
      <Toolbar variant="dense" sx={{ gap: 2, pb: 1 }}>
        <Box component="nav" aria-label={t('shell.nav')}>
          <Stack direction="row" spacing={1}>
            {areas.map((a) => (
              <Button
                key={a}
                color="inherit"
                variant={area === a ? 'outlined' : 'text'}
                aria-current={area === a ? 'page' : undefined}
                disabled={navLocked && area !== a}
                title={navLocked && area !== a ? t('shell.visitOpen') : undefined}
                onClick={() => onArea(a)}
              >
                {t(`shell.${a}`)}
              </Button>
            ))}
          </Stack>
        </Box>
        {demo && <Chip label={tc('app.demoRegistry')} color="warning" sx={{ fontWeight: 600 }} />}
        <Box sx={{ flexGrow: 1 }} />
        <SyncIndicator supervisor={clerk.role === 'supervisor'} />
      </Toolbar>
    </AppBar>
  );
}
