import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { maskPassport } from '../../../shared/domain/mask';
import { AppError } from '../../../shared/errors';
import type { ClerkSummary } from '../../../shared/schemas/session';
import type { Issued, Representative } from '../../../shared/schemas/visit';
import { audit, type CoreContext } from '../context';
import { hashSecret } from '../crypto/argon';
import { generateTemporaryPassword } from '../credentials/password';
import { isWorking } from '../credentials/state';
import {
  Consent,
  Counter,
  Credential,
  Resident,
  type ConsentRow,
  type CredentialRow,
} from '../db/entities';
import { CURRENT_CONSENT_VERSION } from '../documents';
import { enqueue } from '../outbox/enqueue';
import { fullAddress } from '../registry/address';
import { getAccount } from '../registry/search';
import { addDaysIso } from './dates';
import type { VisitDeps } from './deps';
import {
  approvalsNeeded,
  consentInForce,
  grantedApprovals,
  latestCheck,
  openVisit,
  ownVisit,
} from './state';

/** Next value of a named counter, inside the caller's transaction. */
export async function nextCounter(m: EntityManager, name: string): Promise<number> {
  await m.query(
    'INSERT INTO counter (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1',
    [name],
  );
  const row = await m.findOneByOrFail(Counter, { name });
  return row.value;
}

/** `MSK-001-2026-I000123`: office, year, I (information sheet), C (consent form), D (destruction act) or R (subject report), number. */
export async function nextSerial(
  ctx: CoreContext,
  m: EntityManager,
  kind: 'I' | 'C' | 'D' | 'R',
): Promise<string> {
  const year = ctx.clock.now().getUTCFullYear();
  const n = await nextCounter(m, `serial.${kind}.${year}`);
  return `${ctx.officeId()}-${year}-${kind}${String(n).padStart(6, '0')}`;
}

/**
 * Issues (or, on a reset visit, replaces) the account's portal credential. The consent (when
 * a new one is signed), the revocation of the old credential, the new credential, their audit
 * entries and the operations for the centre are one transaction: all of it or none of it.
 * The plaintext is returned once and kept only in memory for reprints during the visit.
 */
export async function issueCredential(
  deps: VisitDeps,
  clerk: ClerkSummary,
  input: { visitId: string; consentSigned: boolean; representative: Representative | null },
): Promise<Issued> {
  const { ctx } = deps;
  const settings = ctx.settings.get();
  const password = generateTemporaryPassword(settings.password.length, settings.password.groupSize);
  // Hashing is slow on purpose: done before the transaction so the store is not held.
  const passwordHash = await hashSecret(password);
  const now = ctx.clock.now();
  const at = now.toISOString();

  const issued = await ctx.store.tx(async (m) => {
    const visit = openVisit(await ownVisit(m, input.visitId, clerk));
    const check = await latestCheck(m, visit.id);
    if (!check) throw new AppError('PASSPORT_NOT_CHECKED', 'Check the passport first.');
    if (!check.passed) throw new AppError('PASSPORT_INVALID', 'The passport failed the check.');
    if (!check.matched || check.residentId === null)
      throw new AppError('IDENTITY_MISMATCH', 'The passport matches no resident.');
    const granted = new Set(await grantedApprovals(m, visit.id));
    const missing = (await approvalsNeeded(deps, m, visit, check)).filter((k) => !granted.has(k));
    if (missing.length > 0)
      throw new AppError('APPROVAL_REQUIRED', 'A supervisor must approve first.', {
        kinds: missing,
      });
    if (await m.findOneBy(Credential, { visitId: visit.id }))
      throw new AppError('VISIT_STEP_ORDER', 'This visit already issued a password.');

    const active = await m.findOneBy(Credential, { accountId: visit.accountId, status: 'active' });
    if (visit.kind === 'issue' && isWorking(active, at)) {
      throw new AppError('ACTIVE_CREDENTIAL_EXISTS', 'The account already has active access.');
    }
    // The registry is the centre's: a replica reloaded mid-visit may have lost the resident.
    const resident = await m.findOneBy(Resident, { id: check.residentId });
    if (!resident) throw new AppError('RESIDENT_NOT_FOUND', 'The resident left the registry.');
    const account = await getAccount(ctx.store, visit.accountId);
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'The account left the registry.');
    const actor = { officeId: ctx.officeId(), workstationId: ctx.workstationId };

    let consentId = await consentInForce(m, visit.accountId, resident.id);
    if (!consentId) {
      if (!input.consentSigned)
        throw new AppError('CONSENT_REQUIRED', 'The signed consent is required.');
      const consent: ConsentRow = {
        id: randomUUID(),
        accountId: visit.accountId,
        residentId: resident.id,
        visitId: visit.id,
        textVersion: CURRENT_CONSENT_VERSION,
        language: settings.language,
        subject: JSON.stringify({
          fullName: [resident.surname, resident.givenName, resident.patronymic]
            .filter(Boolean)
            .join(' '),
          birthDate: resident.birthDate,
          address: fullAddress(settings.office.city, account.address.line),
          document: {
            series: check.series,
            number: check.number,
            issueDate: check.issueDate,
            issuedBy: check.issuedBy,
            departmentCode: check.departmentCode,
          },
        }),
        representative: input.representative ? JSON.stringify(input.representative) : null,
        operator: JSON.stringify(settings.operator),
        signedAt: at,
        recordedBy: clerk.id,
        officeId: actor.officeId,
        withdrawnAt: null,
        withdrawnBy: null,
        withdrawReason: null,
        destroyedAt: null,
        destroyActId: null,
      };
      await m.insert(Consent, consent);
      consentId = consent.id;
      await enqueue(
        m,
        'consent.record',
        {
          consentId,
          accountId: consent.accountId,
          residentId: consent.residentId,
          textVersion: consent.textVersion,
          language: consent.language,
          subject: JSON.parse(consent.subject) as Record<string, unknown>,
          representative: input.representative,
          operator: settings.operator,
          signedAt: at,
          recordedBy: clerk.id,
          ...actor,
        },
        now,
      );
      await audit(ctx, m, clerk, {
        action: 'consent.record',
        subject: visit.payerCode,
        text: `Consent ${CURRENT_CONSENT_VERSION} signed by resident ${resident.id} (passport ${maskPassport(check.series + check.number)}).`,
        data: {
          visitId: visit.id,
          consentId,
          residentId: resident.id,
          textVersion: CURRENT_CONSENT_VERSION,
          representative: input.representative !== null,
        },
      });
    }

    if (active) {
      await m.update(
        Credential,
        { id: active.id },
        { status: 'revoked', revokedAt: at, revokeReason: 'reset' },
      );
      await enqueue(
        m,
        'credential.revoke',
        {
          credentialId: active.id,
          accountId: visit.accountId,
          revokedAt: at,
          reason: 'reset',
          revokedBy: clerk.id,
          ...actor,
        },
        now,
      );
      await audit(ctx, m, clerk, {
        action: 'credential.revoke',
        subject: visit.payerCode,
        text: `Credential v${active.version} revoked by a reset; its sheet ${active.sheetSerial ?? '?'} is void.`,
        data: {
          visitId: visit.id,
          credentialId: active.id,
          version: active.version,
          voidSheet: active.sheetSerial,
        },
      });
    }

    const versions = await m.query<{ v: number | null }[]>(
      'SELECT MAX(version) AS v FROM credential WHERE account_id = ?',
      [visit.accountId],
    );
    const sheetSerial = await nextSerial(ctx, m, 'I');
    const credential: CredentialRow = {
      id: randomUUID(),
      accountId: visit.accountId,
      login: visit.payerCode,
      passwordHash,
      status: 'active',
      mustChange: true,
      issuedAt: at,
      expiresAt: addDaysIso(now, settings.password.unusedExpiryDays),
      revokedAt: null,
      revokeReason: null,
      version: (versions[0]?.v ?? 0) + 1,
      consentId,
      visitId: visit.id,
      issuedBy: clerk.id,
      officeId: actor.officeId,
      portalFirstLoginAt: null,
      portalPasswordChangedAt: null,
      portalLocked: false,
      supersededNote: null,
      sheetSerial,
    };
    await m.insert(Credential, credential);
    await enqueue(
      m,
      'credential.issue',
      {
        credentialId: credential.id,
        accountId: credential.accountId,
        login: credential.login,
        passwordHash,
        mustChange: true,
        issuedAt: at,
        expiresAt: credential.expiresAt,
        version: credential.version,
        replacesCredentialId: active?.id ?? null,
        consentId,
        kind: active ? 'reset' : 'issue',
        issuedBy: clerk.id,
        ...actor,
      },
      now,
    );
    await audit(ctx, m, clerk, {
      action: active ? 'credential.reset' : 'credential.issue',
      subject: visit.payerCode,
      text: `Temporary password v${credential.version} issued for ${visit.payerCode}; sheet ${sheetSerial}.`,
      data: {
        visitId: visit.id,
        credentialId: credential.id,
        version: credential.version,
        sheetSerial,
        expiresAt: credential.expiresAt,
        replaces: active?.id ?? null,
      },
    });
    return {
      credentialId: credential.id,
      login: credential.login,
      password,
      expiresAt: credential.expiresAt,
      sheetSerial,
    };
  });
  deps.secrets.remember(input.visitId, clerk.id, password);
  return issued;
}
