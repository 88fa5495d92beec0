import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';

export interface ReprintDialogProps {
  onReset: () => void;
  onClose: () => void;
}

/** After a visit the password is gone: a new sheet means a reset, and this says so. */
export function ReprintDialog({ onReset, onClose }: ReprintDialogProps) {
  const { t } = useTranslation('clerk');
  const { t: tc } = useTranslation('common');
  return (
    <Dialog open onClose={onClose} aria-labelledby="reprint-title" aria-describedby="reprint-text">
      <DialogTitle id="reprint-title">{t('account.reprint.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="reprint-text">{t('account.reprint.text')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{tc('actions.close')}</Button>
        <Button variant="contained" autoFocus onClick={onReset}>
          {t('account.actions.reset')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
