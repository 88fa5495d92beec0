import TextField from '@mui/material/TextField';
import type { KeyboardEvent, Ref } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MrzPassport } from '../../../../shared/domain/mrz';
import { parseScan } from '../../../../shared/domain/scan';
import { isFirstMrzLine } from '../../lib/scan';

export interface MrzFieldProps {
  onRead: (passport: MrzPassport, checksOk: boolean) => void;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

type Status = 'idle' | 'waiting' | 'bad';

/**
 * Takes the passport's machine-readable zone from a keyboard-wedge scanner: line 1, Enter,
 * line 2, Enter. Empty, Enter falls through to the form (the clerk typed the passport).
 */
export function MrzField({ onRead, autoFocus, inputRef }: MrzFieldProps) {
  const { t } = useTranslation('clerk');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>('idle');

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || text.trim() === '') return;
    e.preventDefault();
    if (isFirstMrzLine(text)) {
      setText(`${text.trim()} `);
      setStatus('waiting');
      return;
    }
    const scan = parseScan(text);
    if (scan.kind !== 'mrz') {
      setStatus('bad');
      return;
    }
    setText('');
    setStatus('idle');
    onRead(scan.passport, scan.checksOk);
  };

  return (
    <TextField
      inputRef={inputRef}
      autoFocus={autoFocus}
      label={t('visit.passport.mrz')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') setStatus('idle');
      }}
      onKeyDown={onKeyDown}
      error={status === 'bad'}
      helperText={
        status === 'waiting'
          ? t('visit.passport.mrzWaiting')
          : status === 'bad'
            ? t('visit.passport.mrzBad')
            : t('visit.passport.mrzHint')
      }
      slotProps={{
        htmlInput: {
          autoComplete: 'off',
          spellCheck: false,
          maxLength: 120,
          sx: { fontFamily: 'monospace' },
        },
      }}
    />
  );
}
