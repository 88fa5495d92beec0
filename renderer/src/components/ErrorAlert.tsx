import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

export interface ErrorAlertProps {
  error: unknown;
}

/** Shows any failure in the clerk's language; the code picks the text, details fill it in. */
export function ErrorAlert({ error }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = isApiError(error)
    ? t(`errors.${error.code}`, formatDetails(error.details))
    : t('errors.INTERNAL');
  return (
    <Alert severity="error" role="alert" sx={{ mt: 2 }}>
      {text}
    </Alert>
  );
}

function formatDetails(details: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
      out[k] = new Date(v).toLocaleString(document.documentElement.lang || 'ru');
    } else if (v !== null && v !== undefined) {
      out[k] = Array.isArray(v) ? v.join(', ') : `${v as string | number | boolean}`;
    }
  }
  return out;
}
