import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Guard {
  setDirty: (id: string, dirty: boolean) => void;
  /** Runs `go` at once, or after the user agrees to drop the unsaved changes. */
  guard: (go: () => void) => void;
}

const LeaveGuardContext = createContext<Guard | null>(null);

/**
 * Unsaved form changes do not vanish on a tab or area switch: the user is asked first, with
 * "go back" focused. Locking the workstation is not guarded: that must always work.
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const dirty = useRef(new Set<string>());
  const [pending, setPending] = useState<{ go: () => void } | null>(null);
  const value = useMemo<Guard>(
    () => ({
      setDirty: (id, d) => {
        if (d) dirty.current.add(id);
        else dirty.current.delete(id);
      },
      guard: (go) => {
        if (dirty.current.size === 0) go();
        else setPending({ go });
      },
    }),
    [],
  );
  return (
    <LeaveGuardContext.Provider value={value}>
      {children}
      <Dialog
        open={pending !== null}
        onClose={() => setPending(null)}
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-text"
      >
        <DialogTitle id="unsaved-title">{t('unsaved.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText id="unsaved-text">{t('unsaved.text')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button
            color="warning"
            onClick={() => {
              const go = pending?.go;
              dirty.current.clear();
              setPending(null);
              go?.();
            }}
          >
            {t('unsaved.discard')}
          </Button>
          <Button variant="contained" autoFocus onClick={() => setPending(null)}>
            {t('unsaved.stay')}
          </Button>
        </DialogActions>
      </Dialog>
    </LeaveGuardContext.Provider>
  );
}

/** Tells the guard whether this form has unsaved changes. */
export function useUnsaved(id: string, isDirty: boolean): void {
  const guard = useContext(LeaveGuardContext);
  useEffect(() => {
    guard?.setDirty(id, isDirty);
    return () => guard?.setDirty(id, false);
  }, [guard, id, isDirty]);
}

/** `guard(go)`: leave now, or once the user agrees to drop unsaved changes. */
export function useLeaveGuard(): (go: () => void) => void {
  const guard = useContext(LeaveGuardContext);
  return guard ? guard.guard : (go) => go();
}
