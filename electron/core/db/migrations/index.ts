import { Initial1795600000001 } from './0001-initial';

/** Every local-store migration, oldest first. Append; never edit one that has shipped. */
export const migrations = [Initial1795600000001];
