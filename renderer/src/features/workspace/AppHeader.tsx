import LockOutlined from '@mui/icons-material/LockOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ClerkSummary } from '../../../../shared/schemas/session';
import { SyncIndicator } from './SyncIndicator';
import { useSyncStatus } from './useSyncStatus';

export type Area = 'desk' | 'supervisor';

/** The window width below which the app bar's second row says things in fewer words. */
export const COMPACT = '(max-width: 1099.95px)';

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
  // Below 1100 CSS px (a 1366 or 1024 px screen at 125 %) the chip and the sync state say it
  // shorter, so the second row holds all of it on one line.
  const compact = useMediaQuery(COMPACT);
  const office = t('shell.office', { app: tc('app.name'), office: info.officeName });
  const who = t('shell.clerk', { name: clerk.fullName, role: tc(`roles.${clerk.role}`) });
  return (
    <AppBar position="static" color="primary" elevation={0} data-testid="app-bar">
      {/* Two fixed dense rows, so a long office name or a sync queue never reflows the bar and
          a 1024×700 screen at 125 % keeps most of its height for the work: where and who
          (each on its own line, whole) with lock and sign-out above; what the clerk can
          switch to and the sync state below. */}
      <Toolbar variant="dense" sx={{ gap: 2, pt: 0.5 }}>
        <Box sx={{ flexShrink: 1, minWidth: 0 }}>
          <Typography
            component="p"
            noWrap
            title={office}
            sx={{ fontWeight: 700, fontSize: '1rem', lineHeight: 1.4 }}
            data-testid="app-bar-office"
          >
            {office}
          </Typography>
          <Typography
            component="p"
            variant="body2"
            noWrap
            title={who}
            sx={{ lineHeight: 1.4 }}
            data-testid="app-bar-clerk"
          >
            {who}
          </Typography>
        </Box>
        <Box sx={{ flexGrow: 1 }} />
        <Button
          color="inherit"
          size="small"
          startIcon={<LockOutlined />}
          onClick={onLock}
          title={t('shell.lockHint')}
          sx={{ flexShrink: 0 }}
        >
          {t('shell.lock')}
        </Button>
        <Button
          color="inherit"
          size="small"
          startIcon={<LogoutOutlined />}
          onClick={onSignOut}
          sx={{ flexShrink: 0 }}
        >
          {t('shell.signOut')}
        </Button>
      </Toolbar>
      <Toolbar variant="dense" sx={{ gap: 2, pb: 0.5 }}>
        <Box component="nav" aria-label={t('shell.nav')} sx={{ flexShrink: 0 }}>
          <Stack direction="row" spacing={1}>
            {areas.map((a) => (
              <Button
                key={a}
                color="inherit"
                size="small"
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
        {demo && (
          <Chip
            size="small"
            label={compact ? tc('app.demoRegistryShort') : tc('app.demoRegistry')}
            title={tc('app.demoRegistry')}
            color="warning"
            sx={{ fontWeight: 600, flexShrink: 0 }}
          />
        )}
        <Box sx={{ flexGrow: 1 }} />
        <SyncIndicator supervisor={clerk.role === 'supervisor'} compact={compact} />
      </Toolbar>
    </AppBar>
  );
}
