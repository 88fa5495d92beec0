import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { DateField } from '../../../components/DateField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { displayToIso, isoToDisplay } from '../../../lib/dates';
import { officeDate } from '../../../../../shared/domain/office-time';
import { ReportTable } from './ReportTable';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** One day's work per clerk and per office: visits, issues, resets, sheets, median time. */
export function DailyReport() {
  const { t } = useTranslation('supervisor');
  const { t: tk } = useTranslation('clerk');
  const [typed, setTyped] = useState(isoToDisplay(officeDate()));
  const [date, setDate] = useState(officeDate());
  const report = useQuery({
    queryKey: ['reports.daily', date],
    queryFn: () => call('reports.daily', { date }),
    staleTime: 0,
  });
  const data = report.data;
  return (
    <Section title={t('report.title')}>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', mb: 2, maxWidth: 520 }}
        onSubmit={(e) => {
          e.preventDefault();
          const iso = displayToIso(typed);
          if (ISO.test(iso)) setDate(iso);
        }}
      >
        <DateField
          label={t('report.date')}
          value={typed}
          onChange={setTyped}
          helperText={tk('visit.passport.dateHint')}
        />
        <Button type="submit" variant="contained" sx={{ mt: 1, flexShrink: 0 }}>
          {t('report.show')}
        </Button>
      </Stack>
      <ErrorAlert error={report.error} />
      {report.isPending && <Loading label={t('report.title')} />}
      {data && data.rows.length === 0 && <Typography>{t('report.empty')}</Typography>}
      {data && data.rows.length > 0 && (
        <Stack spacing={3}>
          <section aria-labelledby="report-clerks">
            <Typography id="report-clerks" variant="h3" component="h3" sx={{ mb: 1 }}>
              {t('report.byClerk')}
            </Typography>
            <ReportTable
              label={t('report.clerk')}
              rows={data.rows.map((r) => ({
                key: `${r.officeId}/${r.clerkId}`,
                name: r.clerkName,
                office: r.officeId,
                counts: r,
              }))}
            />
          </section>
          <section aria-labelledby="report-offices">
            <Typography id="report-offices" variant="h3" component="h3" sx={{ mb: 1 }}>
              {t('report.byOffice')}
            </Typography>
            <ReportTable
              label={t('report.office')}
              rows={data.offices.map((o) => ({ key: o.officeId, name: o.officeId, counts: o }))}
            />
          </section>
        </Stack>
      )}
    </Section>
  );
}
