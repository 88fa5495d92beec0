import { createContext, useContext } from 'react';
import { useFormContext, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Settings } from '../../../../../shared/schemas/settings';

/** The form holds what the schema takes (defaults optional); submitting gives the parsed settings. */
export type SettingsForm = z.input<typeof Settings>;

/** The setting paths the machine policy sets (SettingsView.managed): read-only here. */
export const ManagedSettings = createContext<string[]>([]);

/**
 * A field the machine policy sets: read-only, saying «задано администратором». Spread into a
 * TextField (a select too); empty for a field the supervisor may change.
 */
export function useManaged() {
  const managed = useContext(ManagedSettings);
  const { t } = useTranslation('supervisor');
  return (name: string): { helperText?: string; slotProps?: { input: { readOnly: true } } } =>
    managed.some((p) => name === p || name.startsWith(`${p}.`))
      ? { helperText: t('settings.managed'), slotProps: { input: { readOnly: true } } }
      : {};
}

/** `register` plus the error state and message of a settings field, by its path. */
export function useFieldProps() {
  const { register, formState, getFieldState } = useFormContext<SettingsForm>();
  const managed = useManaged();
  return (name: FieldPath<SettingsForm>, opts: { number?: boolean } = {}) => {
    const { error } = getFieldState(name, formState);
    const locked = managed(name);
    return {
      error: !!error,
      ...locked,
      helperText: error?.message ?? locked.helperText,
      ...register(name, opts.number ? { valueAsNumber: true } : {}),
    };
  };
}
