import { Initial1795600000001 } from './0001-initial';
import { Sync1795600000002 } from './0002-sync';
import { RegistrySearch1795600000003 } from './0003-registry-search';
import { OfficeDirectory1795600000004 } from './0004-office-directory';
import { ResidentName1795600000005 } from './0005-resident-name';
import { PersonalData1795600000006 } from './0006-personal-data';

/** Every local-store migration, oldest first. Append; never edit one that has shipped. */
export const migrations = [
  Initial1795600000001,
  Sync1795600000002,
  RegistrySearch1795600000003,
  OfficeDirectory1795600000004,
  ResidentName1795600000005,
  PersonalData1795600000006,
];
