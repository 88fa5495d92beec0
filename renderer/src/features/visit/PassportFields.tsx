import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { FormTextField } from '../../components/FormTextField';
import type { CheckFormValues, FieldPath } from './passportForm';

/** What a field shows under it: an error, a warning, or the format hint. */
export interface FieldStatus {
  severity: 'error' | 'warning' | null;
  text: string;
}

export interface PassportFieldsProps {
  control: Control<CheckFormValues>;
  status: (field: FieldPath) => FieldStatus;
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 2 } as const;
const numeric = { inputMode: 'numeric', autoComplete: 'off' } as const;

/** The document and its holder, in the order they appear in a Russian passport. */
export function PassportFields({ control, status }: PassportFieldsProps) {
  const { t } = useTranslation('clerk');
  const field = (name: FieldPath, label: string, htmlInput: object = { autoComplete: 'off' }) => {
    const s = status(name);
    return (
      <FormTextField
        control={control}
        name={name}
        label={t(label)}
        error={s.severity === 'error'}
        helperText={s.text || ' '}
        slotProps={{
          htmlInput,
          formHelperText: s.severity === 'warning' ? { sx: { color: 'warning.main' } } : {},
        }}
      />
    );
  };
  const date = (name: 'passport.issueDate' | 'person.birthDate', label: string) => {
    const s = status(name);
    return (
      <Controller
        control={control}
        name={name}
        render={({ field: f }) => (
          <DateField
            label={t(label)}
            value={f.value}
            onChange={f.onChange}
            onBlur={f.onBlur}
            inputRef={f.ref}
            name={f.name}
            error={s.severity === 'error'}
            helperText={s.text || ' '}
            slotProps={{
              formHelperText: s.severity === 'warning' ? { sx: { color: 'warning.main' } } : {},
            }}
          />
        )}
      />
    );
  };

  return (
    <>
      <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>
        {t('visit.passport.document')}
      </Typography>
      <Box sx={grid}>
        {field('passport.series', 'visit.passport.series', numeric)}
        {field('passport.number', 'visit.passport.number', numeric)}
        {date('passport.issueDate', 'visit.passport.issueDate')}
        {field('passport.departmentCode', 'visit.passport.departmentCode')}
        <Box sx={{ gridColumn: '1 / -1' }}>
          {field('passport.issuedBy', 'visit.passport.issuedBy')}
        </Box>
      </Box>
      <Typography variant="h3" component="h3" sx={{ mt: 1, mb: 1.5 }}>
        {t('visit.passport.holder')}
      </Typography>
      <Box sx={grid}>
        {field('person.surname', 'visit.passport.surname')}
        {field('person.givenName', 'visit.passport.givenName')}
        {field('person.patronymic', 'visit.passport.patronymic')}
        {date('person.birthDate', 'visit.passport.birthDate')}
      </Box>
    </>
  );
}
