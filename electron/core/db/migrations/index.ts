import { Initial1795600000001 } from './0001-initial';
import { Sync1795600000002 } from './0002-sync';

/** Every local-store migration, oldest first. Append; never edit one that has shipped. */
export const migrations = [Initial1795600000001, Sync1795600000002];
