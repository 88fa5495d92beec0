import { AuditEvent, Outbox } from './journal';
import { Account, District, Resident, Street } from './registry';
import { Clerk, Counter, Office, Setting, SignInThrottle } from './staff';
import {
  Approval,
  Consent,
  Credential,
  DestructionAct,
  PassportCheck,
  PrintedSheet,
  Visit,
} from './visit';

export * from './journal';
export * from './registry';
export * from './staff';
export * from './visit';

export const entities = [
  Office,
  Clerk,
  Setting,
  Counter,
  SignInThrottle,
  District,
  Street,
  Account,
  Resident,
  Visit,
  PassportCheck,
  Approval,
  Consent,
  Credential,
  PrintedSheet,
  DestructionAct,
  AuditEvent,
  Outbox,
];
