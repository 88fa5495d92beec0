import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { passwordFont } from '../../app/theme';

export interface PasswordPreviewProps {
  login: string;
  /** The temporary password, grouped (`k7m4q-x9t2w`). Lives only in the visit's state. */
  password: string | null;
  expires: string;
}

/** Login and temporary password, large and monospaced so nothing can be misread at the counter. */
export function PasswordPreview({ login, password, expires }: PasswordPreviewProps) {
  const { t } = useTranslation('clerk');
  return (
    <Paper variant="outlined" sx={{ p: 3, bgcolor: 'background.default' }}>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: 4,
          rowGap: 1,
          alignItems: 'baseline',
        }}
      >
        <Typography component="span" variant="h3" color="text.secondary">
          {t('visit.sheet.login')}
        </Typography>
        <Typography
          component="span"
          sx={{ fontFamily: passwordFont, fontSize: '2rem', letterSpacing: '0.08em' }}
          data-testid="issued-login"
        >
          {login}
        </Typography>
        <Typography component="span" variant="h3" color="text.secondary">
          {t('visit.sheet.password')}
        </Typography>
        <Typography
          component="span"
          data-testid="issued-password"
          sx={{
            fontFamily: passwordFont,
            fontSize: '3rem',
            fontWeight: 700,
            letterSpacing: '0.12em',
            lineHeight: 1.2,
          }}
        >
          {password ?? '—'}
        </Typography>
      </Box>
      <Typography sx={{ mt: 1 }}>{expires}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('visit.sheet.passwordNote')}
      </Typography>
    </Paper>
  );
}
