import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { VisitState } from '../../../shared/schemas/visit';
import { audit } from '../context';
import { Approval } from '../db/entities';
import { authenticate } from '../staff/service';
import type { VisitDeps } from './deps';
import {
  approvalsNeeded,
  grantedApprovals,
  latestCheck,
  openVisit,
  ownVisit,
  visitState,
} from './state';

/**
 * A supervisor approves, on the clerk's screen, with their own password and a reason: every
 * approval the visit needs at that moment is granted and recorded. Errors on the passport are
 * not approvable (DOMAIN.md): only a passed check with warnings is.
 */
export async function approveVisit(
  deps: VisitDeps,
  clerk: ClerkSummary,
  input: { visitId: string; login: string; password: string; reason: string },
): Promise<VisitState> {
  const { ctx } = deps;
  const supervisor = await authenticate(ctx, input.login, input.password, 'approval');
  if (supervisor.role !== 'supervisor') {
    await ctx.store.tx((m) =>
      audit(ctx, m, clerk, {
        action: 'approval.refused',
        text: `${supervisor.login} is not a supervisor and cannot approve.`,
        data: { visitId: input.visitId, approver: supervisor.login, reason: 'not-supervisor' },
      }),
    );
    throw new AppError('APPROVER_NOT_SUPERVISOR', 'Only a supervisor can approve.');
  }
  const reason = input.reason.trim();
  if (reason.length < 3) throw new AppError('APPROVAL_REASON_REQUIRED', 'Give a reason.');
  await ctx.store.tx(async (m) => {
    const visit = openVisit(await ownVisit(m, input.visitId, clerk));
    const check = await latestCheck(m, visit.id);
    if (!check || !check.passed || !check.matched)
      throw new AppError('PASSPORT_NOT_CHECKED', 'Only a passed check can be approved.');
    const granted = new Set(await grantedApprovals(m, visit.id));
    const pending = (await approvalsNeeded(deps, m, visit, check)).filter((k) => !granted.has(k));
    const at = ctx.clock.now().toISOString();
    for (const kind of pending) {
      await m.insert(Approval, {
        id: randomUUID(),
        visitId: visit.id,
        kind,
        supervisorId: supervisor.id,
        reason,
        approvedAt: at,
      });
    }
    await audit(ctx, m, clerk, {
      action: 'approval.granted',
      subject: visit.payerCode,
      text: `${supervisor.login} approved ${pending.join(', ') || 'nothing pending'}: ${reason}`,
      data: {
        visitId: visit.id,
        approver: supervisor.login,
        approverId: supervisor.id,
        kinds: pending,
        reason,
        findings: JSON.parse(check.findings) as unknown,
      },
    });
  });
  return visitState(deps, input.visitId, clerk);
}
