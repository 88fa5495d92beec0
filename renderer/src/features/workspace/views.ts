import type { MrzPassport } from '../../../../shared/domain/mrz';
import type { SearchResult } from '../../../../shared/schemas/registry';
import type { VisitState } from '../../../../shared/schemas/visit';

/** Where the clerk is. The workspace keeps one of these; there is no URL routing. */
export type View =
  | { name: 'search' }
  | { name: 'account'; accountId: number }
  | { name: 'visit'; visit: VisitState }
  | { name: 'supervisor' };

/** The search as the clerk left it, so Esc from an account card comes back to it. */
export interface SearchState {
  text: string;
  result: SearchResult | null;
  /** A passport scanned into the search field: it fills the passport form of the visit. */
  mrz: { passport: MrzPassport; checksOk: boolean } | null;
}

export const EMPTY_SEARCH: SearchState = { text: '', result: null, mrz: null };
