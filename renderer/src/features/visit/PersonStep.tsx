import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import PersonOutline from '@mui/icons-material/PersonOutlined';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ageOn, parseIsoDate } from '../../../../shared/domain/dates';
import { PASSPORT_MIN_AGE } from '../../../../shared/domain/passport';
import type { ResidentSummary } from '../../../../shared/schemas/registry';
import { useFormat } from '../../i18n/format';
import { officeDate } from '../../../../shared/domain/office-time';
import { fullName } from '../../lib/names';

export interface PersonStepProps {
  residents: ResidentSummary[];
  /** Focused first: the one picked before, or the one a scanned passport named. */
  preferredId: number | null;
  /** The resident a passport scanned into the search names, if any. */
  scannedId: number | null;
  /** The residents the clerk's search matched. */
  matchedIds: readonly number[];
  onPick: (resident: ResidentSummary | null) => void;
}

function tooYoung(r: ResidentSummary, today: string): boolean {
  const birth = parseIsoDate(r.birthDate);
  const now = parseIsoDate(today);
  return !birth || !now || ageOn(birth, now) < PASSPORT_MIN_AGE;
}

/** Who came to the counter: one of the account's owners or registered residents, or someone typed in. */
export function PersonStep({
  residents,
  preferredId,
  scannedId,
  matchedIds,
  onPick,
}: PersonStepProps) {
  const { t } = useTranslation('clerk');
  const fmt = useFormat();
  const listRef = useRef<HTMLUListElement>(null);
  const today = officeDate();
  const sorted = [...residents].sort(
    (a, b) => Number(a.relation !== 'owner') - Number(b.relation !== 'owner'),
  );

  useEffect(() => {
    const items = Array.from(
      listRef.current?.querySelectorAll<HTMLElement>('[data-pick]:not([aria-disabled="true"])') ??
        [],
    );
    const preferred = items.find((el) => el.dataset.pick === String(preferredId));
    (preferred ?? items[0])?.focus();
  }, [preferredId]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const items = Array.from(
      listRef.current?.querySelectorAll<HTMLElement>('[data-pick]:not([aria-disabled="true"])') ??
        [],
    );
    const i = items.indexOf(e.currentTarget);
    const go = (j: number) => {
      e.preventDefault();
      items[Math.max(0, Math.min(items.length - 1, j))]?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
  };

  return (
    <section aria-labelledby="person-title">
      <Typography id="person-title" variant="h2">
        {t('visit.person.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {t('visit.person.hint')}
      </Typography>
      <List
        ref={listRef}
        aria-labelledby="person-title"
        sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 0 }}
      >
        {sorted.map((r) => {
          const young = tooYoung(r, today);
          return (
            <li key={r.id}>
              <ListItemButton
                data-pick={r.id}
                disabled={young}
                onClick={() => onPick(r)}
                onKeyDown={onKeyDown}
                sx={{ borderBottom: 1, borderColor: 'divider' }}
              >
                <ListItemIcon>
                  <PersonOutline />
                </ListItemIcon>
                <ListItemText
                  primary={fullName(r)}
                  secondary={[
                    fmt.date(r.birthDate),
                    t(`account.relation.${r.relation}`),
                    young ? t('visit.person.tooYoung') : null,
                    r.id === scannedId
                      ? t('visit.person.matched')
                      : matchedIds.includes(r.id)
                        ? t('visit.person.searched')
                        : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  slotProps={{ primary: { sx: { fontSize: '1.15rem', fontWeight: 600 } } }}
                />
              </ListItemButton>
            </li>
          );
        })}
        <li>
          <ListItemButton data-pick="other" onClick={() => onPick(null)} onKeyDown={onKeyDown}>
            <ListItemIcon>
              <PersonAddOutlined />
            </ListItemIcon>
            <ListItemText
              primary={t('visit.person.other')}
              secondary={t('visit.person.otherHint')}
            />
          </ListItemButton>
        </li>
      </List>
    </section>
  );
}
