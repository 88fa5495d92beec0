import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScan } from '../../../../shared/domain/scan';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PrinterWarning } from '../../components/PrinterWarning';
import { takeTypeAhead } from '../../lib/typeAhead';
import type { SearchState } from '../workspace/views';
import { AccountResult } from './AccountResult';
import { SearchField } from './SearchField';

export interface SearchScreenProps {
  state: SearchState;
  onChange: (state: SearchState) => void;
  onOpenAccount: (accountId: number) => void;
}

/**
 * The clerk's home: one field for anything typed or scanned. A search that finds exactly
 * one account opens it at once (a scanned bill always does); otherwise ↓ goes to the list.
 */
export function SearchScreen({ state, onChange, onOpenAccount }: SearchScreenProps) {
  const { t } = useTranslation('clerk');
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const search = useMutation({
    mutationFn: (query: string) => call('registry.search', { query }),
    onSuccess: (result, query) => {
      const scan = parseScan(query);
      const mrz = scan.kind === 'mrz' ? { passport: scan.passport, checksOk: scan.checksOk } : null;
      onChange({ text: query.trim(), result, mrz });
      const only = result.accounts.length === 1 ? result.accounts[0] : undefined;
      if (only) onOpenAccount(only.accountId);
    },
  });
  const result = state.result;
  const scanned = parseScan(state.text);
  const billWithoutCode = scanned.kind === 'bill' && scanned.payerCode === null;

  // Back from an account card: the old query is selected, so a new scan replaces it. After a
  // visit: what the clerk typed while it closed is there, the caret after it. Before paint,
  // so no key typed into the field can come before it.
  useLayoutEffect(() => {
    const early = takeTypeAhead();
    if (early) onChange({ ...state, text: early });
    else inputRef.current?.select();
    // Only on the first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const results = () =>
    Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-result]') ?? []);
  const onResultKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = results();
    const i = items.indexOf(e.currentTarget);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[Math.min(i + 1, items.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i <= 0) inputRef.current?.focus();
      else items[i - 1]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      items[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      items.at(-1)?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      inputRef.current?.select();
    }
  };

  return (
    <Stack spacing={2}>
      <Typography variant="h1">{t('search.heading')}</Typography>
      <PrinterWarning />
      <Paper variant="outlined" sx={{ p: 2.5 }}>
        <SearchField
          value={state.text}
          onChange={(text) => onChange({ ...state, text })}
          onSubmit={(q) => search.mutate(q)}
          onArrowDown={() => results()[0]?.focus()}
          busy={search.isPending}
          inputRef={inputRef}
        />
        <ErrorAlert error={search.error} />
      </Paper>
      {result && (
        <section aria-labelledby="search-results-title">
          <Typography id="search-results-title" variant="h2" sx={{ mb: 1 }}>
            {t('search.results')}
          </Typography>
          <Typography role="status" sx={{ mb: 1 }}>
            {t('search.summary', {
              kind: t(`search.kind.${result.kind}`),
              count: result.accounts.length,
            })}
          </Typography>
          {result.kind === 'mrz' && result.mrzChecksOk === false && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {t('search.mrzChecksFailed')}
            </Alert>
          )}
          {result.accounts.length === 0 && (
            <Alert severity="info">
              {billWithoutCode ? t('search.billNoAccount') : t('search.nothing')}
            </Alert>
          )}
          {result.truncated && (
            <Alert severity="info" sx={{ mb: 1 }}>
              {t('search.truncated')}
            </Alert>
          )}
          {result.accounts.length > 0 && (
            <Paper variant="outlined">
              <List ref={listRef} disablePadding aria-labelledby="search-results-title">
                {result.accounts.map((a) => (
                  <AccountResult
                    key={a.accountId}
                    account={a}
                    onOpen={() => onOpenAccount(a.accountId)}
                    onKeyDown={onResultKey}
                  />
                ))}
              </List>
            </Paper>
          )}
        </section>
      )}
    </Stack>
  );
}
