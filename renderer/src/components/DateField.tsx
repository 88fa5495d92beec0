import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { tidyDisplayDate, typeDate } from '../lib/dates';

export type DateFieldProps = Omit<TextFieldProps, 'value' | 'onChange'> & {
  /** As shown: `ДД.ММ.ГГГГ`. */
  value: string;
  onChange: (value: string) => void;
};

/** A date typed as digits; the dots come by themselves. */
export function DateField({ value, onChange, onBlur, slotProps, ...rest }: DateFieldProps) {
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(e) => onChange(typeDate(e.target.value, value))}
      onBlur={(e) => {
        const tidy = tidyDisplayDate(value);
        if (tidy !== value) onChange(tidy);
        onBlur?.(e);
      }}
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: 'numeric', maxLength: 10, autoComplete: 'off' },
      }}
    />
  );
}
