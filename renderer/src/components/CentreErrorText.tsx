import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { centreReason } from '../lib/centreError';

export interface CentreErrorTextProps {
  text: string | null;
  empty?: string;
}

/** The centre's answer in the reader's language, its own words underneath for IT. */
export function CentreErrorText({ text, empty = '—' }: CentreErrorTextProps) {
  const { t } = useTranslation();
  if (!text) return <>{empty}</>;
  const reason = centreReason(text, t);
  if (!reason) return <>{text}</>;
  return (
    <>
      {reason}
      <Typography
        component="span"
        variant="body2"
        color="text.secondary"
        sx={{ display: 'block', overflowWrap: 'anywhere' }}
      >
        {text}
      </Typography>
    </>
  );
}
