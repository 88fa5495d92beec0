import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ClerkSummary } from '../../../../shared/schemas/session';
import { call } from '../../api/client';
import { keys } from '../../api/queries';

export interface WorkspaceProps {
  clerk: ClerkSummary;
  info: AppInfo;
}

export function Workspace({ clerk, info }: WorkspaceProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => call('session.signOut', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.session }),
  });
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" color="primary">
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h3" component="p" sx={{ flexGrow: 1 }}>
            {t('app.name')} · {info.officeName}
          </Typography>
          {info.demoRegistry && <Chip label={t('app.demoRegistry')} color="warning" />}
          <Typography>
            {clerk.fullName} ({t(`roles.${clerk.role}`)})
          </Typography>
          <Button color="inherit" onClick={() => signOut.mutate()}>
            {t('signin.signOut')}
          </Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: 3 }} />
    </Box>
  );
}
