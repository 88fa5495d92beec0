import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { typeDate } from '../lib/dates';

export type DateFieldProps = Omit<TextFieldProps, 'value' | 'onChange'> & {
  /** As shown: `ДД.ММ.ГГГГ`. */
  value: string;
  onChange: (value: string) => void;
};

/** A date typed as digits; the dots come by themselves. */
export function DateField({ value, onChange, slotProps, ...rest }: DateFieldProps) {
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(e) => onChange(typeDate(e.target.value, value))}
      slotProps={{
        ...slotProps,
        htmlInput: { inputMode: 'numeric', maxLength: 10, autoComplete: 'off' },
      }}
    />
  );
}
