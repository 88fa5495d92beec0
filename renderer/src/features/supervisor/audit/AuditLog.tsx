import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { ChainVerdictBanner } from './ChainVerdictBanner';

const PAGE = 50;

/** The audit log, newest first, filtered, paged backwards; the chain's verdict on top. */
export function AuditLog() {
  const { t } = useTranslation('supervisor');
  const [filter, setFilter] = useState<AuditFilter>({});
  // The stored English records double the page; they are one Space away, not in the way.
  const [showStored, setShowStored] = useState(false);
  const log = useInfiniteQuery({
    queryKey: ['audit.list', filter],
    queryFn: ({ pageParam }) =>
      call('audit.list', { ...filter, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Stack spacing={2}>
      <ChainVerdictBanner />
      <Section title={t('audit.title')}>
        <AuditFilters onApply={setFilter} />
        <ErrorAlert error={log.error} />
        {log.isPending ? (
          <Loading label={t('audit.title')} />
        ) : entries.length === 0 ? (
          <Typography sx={{ mt: 2 }}>{t('audit.empty')}</Typography>
        ) : (
          <>
            <FormControlLabel
              sx={{ mt: 1 }}
              control={
                <Switch
                  checked={showStored}
                  onChange={(_, on) => setShowStored(on)}
                  data-testid="audit-show-stored"
                />
              }
              label={t('audit.showStored')}
            />
            <AuditTable entries={entries} showStored={showStored} />
            {log.hasNextPage && (
              <Button
                sx={{ mt: 2 }}
                loading={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {t('audit.more')}
              </Button>
            )}
          </>
        )}
      </Section>
    </Stack>
  );
}
