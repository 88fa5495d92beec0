import { maskPassport } from '../../../../shared/domain/mask';
import { parseScan } from '../../../../shared/domain/scan';
import { accountCard } from '../../accounts/card';
import { withdrawConsent } from '../../consent/withdraw';
import { audit } from '../../context';
import { printSubjectReport } from '../../personal-data/records';
import { searchRegistry } from '../../registry/search';
import { approveVisit } from '../../visits/approve';
import { closeVisit } from '../../visits/close';
import type { VisitDeps } from '../../visits/deps';
import { checkIdentity, startVisit } from '../../visits/identity';
import { issueCredential } from '../../visits/issue';
import { printConsentForm, printInfoSheet } from '../../visits/print';
import { visitState } from '../../visits/state';
import type { Handlers } from '../dispatch';

type VisitChannels =
  | 'registry.search'
  | 'registry.account'
  | 'visit.start'
  | 'visit.state'
  | 'visit.check'
  | 'visit.approve'
  | 'visit.printConsent'
  | 'visit.issue'
  | 'visit.printSheet'
  | 'visit.close'
  | 'visit.printSubjectReport'
  | 'consent.withdraw';

/** What a search is recorded as: a scanned MRZ holds a passport number and is masked. */
function auditedQuery(query: string): string {
  const scan = parseScan(query);
  if (scan.kind === 'mrz')
    return `MRZ ${scan.passport.surname} ${maskPassport(scan.passport.series + scan.passport.number)}`;
  if (scan.kind === 'bill') return `bill QR ${scan.payerCode ?? '?'}`;
  return query.slice(0, 100);
}

export function visitHandlers(deps: VisitDeps): Pick<Handlers, VisitChannels> {
  const { ctx } = deps;
  return {
    'registry.search': async ({ query }, { clerk }) => {
      const result = await searchRegistry(ctx.store, query);
      await ctx.store.tx((m) =>
        audit(ctx, m, clerk, {
          action: 'registry.search',
          text: `Search (${result.kind}): ${result.accounts.length} account(s).`,
          data: {
            kind: result.kind,
            query: auditedQuery(query),
            found: result.accounts.length,
            truncated: result.truncated,
          },
        }),
      );
      return result;
    },
    'registry.account': async ({ accountId }, { clerk }) => {
      const card = await accountCard(ctx, deps.passportList, accountId);
      await ctx.store.tx((m) =>
        audit(ctx, m, clerk, {
          action: 'registry.view',
          subject: card.account.payerCode,
          text: 'Account card opened.',
          data: { accountId },
        }),
      );
      return card;
    },
    'visit.start': ({ accountId, kind }, { clerk }) => startVisit(deps, clerk, accountId, kind),
    'visit.state': ({ visitId }, { clerk }) => visitState(deps, visitId, clerk),
    'visit.check': (input, { clerk }) => checkIdentity(deps, clerk, input),
    'visit.approve': (input, { clerk }) => approveVisit(deps, clerk, input),
    'visit.printConsent': ({ visitId, representative, viaDialog }, { clerk }) =>
      printConsentForm(deps, clerk, visitId, representative, viaDialog === true),
    'visit.issue': (input, { clerk }) => issueCredential(deps, clerk, input),
    'visit.printSheet': ({ visitId, viaDialog }, { clerk }) =>
      printInfoSheet(deps, clerk, visitId, viaDialog === true),
    'visit.printSubjectReport': ({ visitId }, { clerk }) =>
      printSubjectReport(deps, clerk, visitId),
    'visit.close': async ({ visitId }, { clerk }) => {
      await closeVisit(deps, clerk, visitId);
      return { done: true as const };
    },
    'consent.withdraw': async ({ consentId, reason }, { clerk }) => {
      await withdrawConsent(ctx, clerk, consentId, reason);
      return { done: true as const };
    },
  };
}
