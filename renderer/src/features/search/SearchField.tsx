import SearchOutlined from '@mui/icons-material/SearchOutlined';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import type { KeyboardEvent, Ref } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isFirstMrzLine } from '../../lib/scan';

export interface SearchFieldProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  /** ArrowDown: the clerk goes on to the results. */
  onArrowDown: () => void;
  busy: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The one field that takes everything: typed text, a scanned bill QR, a payer code, or a
 * passport MRZ, which the scanner types as two lines with Enter after each. The first
 * Enter of an MRZ keeps the line and waits for the second.
 */
export function SearchField({
  value,
  onChange,
  onSubmit,
  onArrowDown,
  busy,
  inputRef,
}: SearchFieldProps) {
  const { t } = useTranslation('clerk');
  const [waitingMrz, setWaitingMrz] = useState(false);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      onArrowDown();
      return;
    }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (isFirstMrzLine(value)) {
      onChange(`${value.trim()} `);
      setWaitingMrz(true);
      return;
    }
    setWaitingMrz(false);
    if (value.trim() !== '') onSubmit(value);
  };

  return (
    <TextField
      inputRef={inputRef}
      autoFocus
      value={value}
      label={t('search.label')}
      helperText={waitingMrz ? t('search.mrzWaiting') : t('search.hint')}
      onChange={(e) => {
        if (e.target.value.trim() === '') setWaitingMrz(false);
        onChange(e.target.value);
      }}
      onKeyDown={onKeyDown}
      slotProps={{
        htmlInput: {
          autoComplete: 'off',
          spellCheck: false,
          maxLength: 400,
          'aria-describedby': 'search-hint',
        },
        formHelperText: { id: 'search-hint' },
        input: {
          sx: { fontSize: '1.25rem' },
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                aria-label={t('search.submit')}
                onClick={() => value.trim() !== '' && onSubmit(value)}
                loading={busy}
                edge="end"
              >
                <SearchOutlined />
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
