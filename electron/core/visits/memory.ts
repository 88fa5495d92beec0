/**
 * The only place a resident's plaintext password lives: in this process's memory, for the
 * open visit, so that the sheet can be printed again if the printer fails. Closing the
 * visit, locking the screen or signing out forgets it; nothing here is ever written down.
 */
export class VisitSecrets {
  private readonly byVisit = new Map<string, { clerkId: string; password: string }>();

  remember(visitId: string, clerkId: string, password: string): void {
    this.byVisit.set(visitId, { clerkId, password });
  }

  password(visitId: string): string | null {
    return this.byVisit.get(visitId)?.password ?? null;
  }

  forget(visitId: string): void {
    this.byVisit.delete(visitId);
  }

  /** Visits whose passwords were dropped, for closing them. */
  forgetAll(): string[] {
    const ids = [...this.byVisit.keys()];
    this.byVisit.clear();
    return ids;
  }
}
