import type { ClerkSummary } from '../../../shared/schemas/session';
import type { Clock } from '../clock';

/**
 * Who is at the keyboard. One workstation window has one session. The session locks itself
 * after `idleLockMinutes` without a call, so personal data stops flowing even if the
 * renderer's own idle timer were defeated.
 */
export class Session {
  private clerk: ClerkSummary | null = null;
  private locked = false;
  private lastActivity = 0;
  private readonly lockListeners = new Set<(clerk: ClerkSummary) => void>();

  constructor(
    private readonly clock: Clock,
    private idleLockMinutes: () => number,
  ) {}

  current(): { clerk: ClerkSummary | null; locked: boolean } {
    this.applyIdleLock();
    return { clerk: this.clerk, locked: this.clerk !== null && this.locked };
  }

  /** Called by the dispatcher for every call that passed the checks. */
  touch(): void {
    this.lastActivity = this.clock.now().getTime();
  }

  signIn(clerk: ClerkSummary): void {
    const switching = this.clerk !== null && this.clerk.id !== clerk.id;
    if (switching) this.fireLock();
    this.clerk = clerk;
    this.locked = false;
    this.touch();
  }

  /** Updates the summary (e.g. after a password change) without a new sign-in. */
  refresh(clerk: ClerkSummary): void {
    if (this.clerk?.id === clerk.id) this.clerk = clerk;
  }

  signOut(): void {
    this.fireLock();
    this.clerk = null;
    this.locked = false;
  }

  lock(): void {
    if (this.clerk && !this.locked) {
      this.locked = true;
      this.fireLock();
    }
  }

  /** Lock and sign-out both end whatever visit was open: its plaintext must go with it. */
  onLock(listener: (clerk: ClerkSummary) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  private applyIdleLock(): void {
    if (!this.clerk || this.locked) return;
    const idleMs = this.clock.now().getTime() - this.lastActivity;
    if (idleMs >= this.idleLockMinutes() * 60_000) this.lock();
  }

  private fireLock(): void {
    const clerk = this.clerk;
    if (!clerk) return;
    for (const l of this.lockListeners) l(clerk);
  }
}
