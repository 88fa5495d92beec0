import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';

export interface EndVisitDialogProps {
  /** A password was issued in this visit (it is on the screen until the visit ends). */
  issued: boolean;
  /** An issued password whose sheet has not printed would be lost. */
  unprinted: boolean;
  ending: boolean;
  onKeep: () => void;
  onEnd: () => void;
  /** Given before a password exists: back to the passport, to put a typo right. */
  onBack?: () => void;
}

/**
 * Esc during a visit asks first; the safe answer (go on) has the focus. Before a password
 * exists it also offers the way back to the passport, and says nothing of a password.
 */
export function EndVisitDialog(props: EndVisitDialogProps) {
  const { issued, unprinted, ending, onKeep, onEnd, onBack } = props;
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
          {unprinted
            ? t('visit.endConfirm.textUnprinted')
            : issued
              ? t('visit.endConfirm.text')
              : t('visit.endConfirm.textNotIssued')}
          {onBack && ` ${t('visit.endConfirm.backHint')}`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" autoFocus onClick={onKeep}>
          {t('visit.endConfirm.keep')}
        </Button>
        {onBack && <Button onClick={onBack}>{t('visit.endConfirm.back')}</Button>}
        <Button color="error" loading={ending} onClick={onEnd}>
          {t('visit.endConfirm.end')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
