import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { formatDateTime } from '../i18n/format';

export interface ErrorAlertProps {
  error: unknown;
  /** A button that says what to do next (print again, reset…). */
  action?: ReactNode;
  sx?: SxProps<Theme>;
}

/** Shows any failure in the clerk's language; the code picks the text, details fill it in. */
export function ErrorAlert({ error, action, sx }: ErrorAlertProps) {
  const { t, i18n } = useTranslation('common');
  if (!error) return null;
  const text = isApiError(error)
    ? t(`errors.${error.code}`, {
        ...formatDetails(error.details, i18n.language),
        defaultValue: t('errors.INTERNAL'),
      })
    : t('errors.INTERNAL');
  return (
    <Alert severity="error" role="alert" action={action} sx={{ mt: 2, ...sx }}>
      {text}
    </Alert>
  );
}

function formatDetails(
  details: Record<string, unknown> | undefined,
  lang: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) out[k] = formatDateTime(v, lang);
    else if (v !== null && v !== undefined) {
      out[k] = Array.isArray(v) ? v.join(', ') : `${v as string | number | boolean}`;
    }
  }
  return out;
}
