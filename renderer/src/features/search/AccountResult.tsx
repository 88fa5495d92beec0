import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../../shared/schemas/registry';
import { fullName } from '../../lib/names';

export interface AccountResultProps {
  account: AccountSummary;
  onOpen: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
}

/** One found account: payer code, address, residents (the ones the query matched in bold). */
export function AccountResult({ account, onOpen, onKeyDown }: AccountResultProps) {
  const { t } = useTranslation('clerk');
  const matched = new Set(account.matchedResidentIds);
  return (
    <li>
      <ListItemButton
        onClick={onOpen}
        onKeyDown={onKeyDown}
        data-result
        sx={{ borderBottom: 1, borderColor: 'divider', alignItems: 'flex-start' }}
      >
        <ListItemText
          primary={
            <Typography component="span" variant="h3">
              {account.payerCode}
              <Typography component="span" sx={{ ml: 2, fontWeight: 400 }}>
                {account.address.line}
              </Typography>
            </Typography>
          }
          secondary={
            <Typography component="span" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
              {account.residents.map((r, i) => (
                <Fragment key={r.id}>
                  {i > 0 && ', '}
                  <Typography
                    component="span"
                    sx={{ fontWeight: matched.has(r.id) ? 700 : 400, color: 'text.primary' }}
                  >
                    {fullName(r)}
                  </Typography>{' '}
                  ({t(`account.relation.${r.relation}`)})
                </Fragment>
              ))}
            </Typography>
          }
        />
      </ListItemButton>
    </li>
  );
}
