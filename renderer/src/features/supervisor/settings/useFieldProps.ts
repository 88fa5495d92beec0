import { useFormContext, type FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import type { Settings } from '../../../../../shared/schemas/settings';

/** The form holds what the schema takes (defaults optional); submitting gives the parsed settings. */
export type SettingsForm = z.input<typeof Settings>;

/** `register` plus the error state and message of a settings field, by its path. */
export function useFieldProps() {
  const { register, formState, getFieldState } = useFormContext<SettingsForm>();
  return (name: FieldPath<SettingsForm>, opts: { number?: boolean } = {}) => {
    const { error } = getFieldState(name, formState);
    return {
      error: !!error,
      helperText: error?.message,
      ...register(name, opts.number ? { valueAsNumber: true } : {}),
    };
  };
}
