import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import WarningAmber from '@mui/icons-material/WarningAmber';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import { useTranslation } from 'react-i18next';
import type { PassportFinding } from '../../../../shared/domain/passport';

export interface FindingsListProps {
  findings: PassportFinding[];
}

/** Passport findings as the clerk reads them: what is wrong and what to do. */
export function FindingsList({ findings }: FindingsListProps) {
  const { t } = useTranslation('clerk');
  return (
    <List dense disablePadding data-testid="findings">
      {findings.map((f) => (
        <ListItem key={f.code} disableGutters data-code={f.code}>
          <ListItemIcon sx={{ minWidth: 36 }}>
            {f.severity === 'error' ? (
              <ErrorOutline color="error" titleAccess={t('visit.severity.error')} />
            ) : (
              <WarningAmber color="warning" titleAccess={t('visit.severity.warning')} />
            )}
          </ListItemIcon>
          <ListItemText primary={t(`findings.${f.code}`)} />
        </ListItem>
      ))}
    </List>
  );
}
