// The files a workstation keeps in its data folder, named once.

/** The encrypted local store. */
export const DB_FILE = 'access-desk.db';
/** The store's key, sealed by the system keyring (electron/main/db-key.ts). */
export const KEY_FILE = 'db-key.bin';
/**
 * This installation's workstation id, in plain text beside the store: it is no secret, and
 * a counter whose key is lost still needs it to say who it is to the centre.
 */
export const WORKSTATION_ID_FILE = 'workstation-id';

/** Why the store cannot be opened: a key the keyring cannot open, or no key beside a store. */
export type KeyLoss = 'unreadable' | 'missing';
