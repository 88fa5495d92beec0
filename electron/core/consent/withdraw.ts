import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import { audit, type CoreContext } from '../context';
import { Account, Consent, Credential } from '../db/entities';
import { enqueue } from '../outbox/enqueue';

/**
 * A withdrawn consent stops processing (DOMAIN.md): the credential it backs is revoked at
 * once, and no new one can be issued for that resident until they sign a new consent.
 */
export async function withdrawConsent(
  ctx: CoreContext,
  clerk: ClerkSummary,
  consentId: string,
  reason: string,
): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const actor = { officeId: ctx.officeId(), workstationId: ctx.workstationId };
  await ctx.store.tx(async (m) => {
    const consent = await m.findOneBy(Consent, { id: consentId });
    if (!consent) throw new AppError('CONSENT_NOT_FOUND', 'No such consent.');
    if (consent.withdrawnAt) throw new AppError('CONSENT_ALREADY_WITHDRAWN', 'Already withdrawn.');
    await m.update(
      Consent,
      { id: consentId },
      { withdrawnAt: at, withdrawnBy: clerk.id, withdrawReason: reason },
    );
    await enqueue(
      m,
      'consent.withdraw',
      {
        consentId,
        accountId: consent.accountId,
        withdrawnAt: at,
        withdrawnBy: clerk.id,
        reason,
        ...actor,
      },
      now,
    );
    const payerCode = (await m.findOneBy(Account, { id: consent.accountId }))?.payerCode ?? null;
    const backed = await m.findBy(Credential, { consentId, status: 'active' });
    for (const c of backed) {
      await m.update(
        Credential,
        { id: c.id },
        { status: 'revoked', revokedAt: at, revokeReason: 'consent-withdrawn' },
      );
      await enqueue(
        m,
        'credential.revoke',
        {
          credentialId: c.id,
          accountId: c.accountId,
          revokedAt: at,
          reason: 'consent-withdrawn',
          revokedBy: clerk.id,
          ...actor,
        },
        now,
      );
    }
    await audit(ctx, m, clerk, {
      action: 'consent.withdraw',
      subject: payerCode,
      text: `Consent ${consentId} withdrawn; ${backed.length} credential(s) revoked.`,
      data: { consentId, reason, revoked: backed.map((c) => c.id) },
    });
  });
}
