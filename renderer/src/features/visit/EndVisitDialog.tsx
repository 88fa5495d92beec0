import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';

export interface EndVisitDialogProps {
  /** An issued password whose sheet has not printed would be lost. */
  unprinted: boolean;
  ending: boolean;
  onKeep: () => void;
  onEnd: () => void;
}

/** Esc during a visit asks first; the safe answer (go on) has the focus. */
export function EndVisitDialog({ unprinted, ending, onKeep, onEnd }: EndVisitDialogProps) {
  const { t } = useTranslation('clerk');
  return (
    <Dialog
      open
      onClose={onKeep}
      aria-labelledby="end-visit-title"
      aria-describedby="end-visit-text"
    >
      <DialogTitle id="end-visit-title">{t('visit.endConfirm.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="end-visit-text">
          {unprinted ? t('visit.endConfirm.textUnprinted') : t('visit.endConfirm.text')}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" autoFocus onClick={onKeep}>
          {t('visit.endConfirm.keep')}
        </Button>
        <Button color="error" loading={ending} onClick={onEnd}>
          {t('visit.endConfirm.end')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
