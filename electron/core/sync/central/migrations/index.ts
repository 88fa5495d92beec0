import { CentralSchema1795700000001 } from './0001-schema';
import { CentralFeed1795700000002 } from './0002-feed';
import { CentralApply1795700000003 } from './0003-apply';
import { CentralRoles1795700000004 } from './0004-roles';
import { CentralCredentialImages1795700000005 } from './0005-credential-images';
import { CentralTrust1795700000006 } from './0006-trust';
import { CentralPersonalData1795700000007 } from './0007-personal-data';

/** Every central (PostgreSQL) migration, oldest first. Append; never edit one that shipped. */
export const centralMigrations = [
  CentralSchema1795700000001,
  CentralFeed1795700000002,
  CentralApply1795700000003,
  CentralRoles1795700000004,
  CentralCredentialImages1795700000005,
  CentralTrust1795700000006,
  CentralPersonalData1795700000007,
];
