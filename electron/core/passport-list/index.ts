// The invalid-passport list (issue 8): import, load, look up, replace. See elias-fano.ts for
// why the index is an Elias–Fano set and format.ts for the file layout.

/**
 * The index's file name in the app's data folder: what the core loads at start-up, and what
 * the import command writes unless told otherwise.
 */
export const PASSPORT_LIST_FILE = 'invalid-passports.idx';

export { PassportListError } from './format';
export type { PassportListErrorCode, PassportListMeta } from './format';
export type { PassportList } from './reader';
export { LoadedPassportList, loadPassportList } from './reader';
export { PassportListHolder } from './holder';
export type { PassportListListener, PassportListLookup } from './holder';
export { importPassportList } from './import';
export type { ImportOptions, ImportResult } from './import';
export type { MalformedCounts, MalformedReason } from './csv';
export { passportKey } from './keys';
