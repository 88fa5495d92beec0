// The IPC contract: every channel the renderer may call, with the zod schema of its input
// and output and the role it needs. The main process registers all of them through one
// wrapper (electron/core/api/dispatch.ts); the renderer calls them through a typed client.
import { z } from 'zod';
import type { ChannelRole } from './roles';
import { Empty, Ok } from './schemas/common';
import { AccountCard, AccountRef, WithdrawConsentInput } from './schemas/account';
import { ChainVerdict } from './schemas/audit';
import { SearchInput, SearchResult } from './schemas/registry';
import { SettingsPatch } from './schemas/settings';
import { ActPrintInput, ActsQuery, ActView, DocumentPrint, DueList } from './schemas/personal-data';
import {
  ApprovalsQuery,
  ApprovalView,
  AuditPage,
  AuditQuery,
  CentralPasswordInput,
  ConflictView,
  DailyReport,
  DailyReportInput,
  DeadOperation,
  HeldDecisionInput,
  HeldDecisions,
  OfficeReview,
  OperationRef,
  PassportListInstallInput,
  PassportListProgress,
  PassportListStatus,
  PrinterInfo,
  PrinterStatus,
  SettingsView,
  SyncStatus,
} from './schemas/supervisor';
import {
  AppInfo,
  ChangePasswordInput,
  ClerkRecord,
  ClerkSummary,
  CreateClerkInput,
  RecoveryStatus,
  ResetClerkPasswordInput,
  SessionState,
  SetupInput,
  SignInInput,
  StartedOver,
  StartOverInput,
  UpdateClerkInput,
} from './schemas/session';
import {
  ApproveInput,
  CheckInput,
  CheckResult,
  CloseInput,
  IssueInput,
  Issued,
  PrintConsentInput,
  PrintSheetInput,
  PrintRecord,
  StartVisitInput,
  VisitRef,
  VisitState,
} from './schemas/visit';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  role: ChannelRole;
}

export const contract = {
  'app.info': { input: Empty, output: AppInfo, role: 'public' },

  'session.setup': { input: SetupInput, output: SessionState, role: 'public' },
  'session.signIn': { input: SignInInput, output: SessionState, role: 'public' },
  'session.current': { input: Empty, output: SessionState, role: 'public' },
  'session.signOut': { input: Empty, output: Ok, role: 'clerk' },
  'session.lock': { input: Empty, output: Ok, role: 'clerk' },
  'session.changePassword': { input: ChangePasswordInput, output: SessionState, role: 'clerk' },

  /** Only when the store's key is lost (electron/core/recovery.ts). */
  'recovery.status': { input: Empty, output: RecoveryStatus, role: 'public' },
  /** A supervisor of the office, checked against the centre, starts the counter again. */
  'recovery.startOver': { input: StartOverInput, output: StartedOver, role: 'public' },

  'staff.list': { input: Empty, output: z.array(ClerkRecord), role: 'supervisor' },
  'staff.create': { input: CreateClerkInput, output: ClerkSummary, role: 'supervisor' },
  'staff.update': { input: UpdateClerkInput, output: ClerkSummary, role: 'supervisor' },
  'staff.resetPassword': { input: ResetClerkPasswordInput, output: Ok, role: 'supervisor' },

  'audit.verify': { input: Empty, output: ChainVerdict, role: 'supervisor' },

  'registry.search': { input: SearchInput, output: SearchResult, role: 'clerk' },
  'registry.account': { input: AccountRef, output: AccountCard, role: 'clerk' },

  'visit.start': { input: StartVisitInput, output: VisitState, role: 'clerk' },
  'visit.state': { input: VisitRef, output: VisitState, role: 'clerk' },
  'visit.check': { input: CheckInput, output: CheckResult, role: 'clerk' },
  'visit.approve': { input: ApproveInput, output: VisitState, role: 'clerk' },
  'visit.printConsent': { input: PrintConsentInput, output: PrintRecord, role: 'clerk' },
  'visit.issue': { input: IssueInput, output: Issued, role: 'clerk' },
  'visit.printSheet': { input: PrintSheetInput, output: PrintRecord, role: 'clerk' },
  'visit.close': { input: CloseInput, output: Ok, role: 'clerk' },
  /** What the operator holds about the resident whose passport passed (152-FZ art. 14). */
  'visit.printSubjectReport': { input: VisitRef, output: DocumentPrint, role: 'clerk' },

  'consent.withdraw': { input: WithdrawConsentInput, output: Ok, role: 'clerk' },

  /** The personal-data lifecycle (docs/personal-data.md): what is due, destroy it, the acts. */
  'personalData.due': { input: Empty, output: DueList, role: 'supervisor' },
  'personalData.destroyDue': { input: Empty, output: z.array(ActView), role: 'supervisor' },
  'personalData.acts': { input: ActsQuery, output: z.array(ActView), role: 'supervisor' },
  'personalData.printAct': { input: ActPrintInput, output: DocumentPrint, role: 'supervisor' },

  'audit.list': { input: AuditQuery, output: AuditPage, role: 'supervisor' },
  'reports.daily': { input: DailyReportInput, output: DailyReport, role: 'supervisor' },
  'approvals.list': { input: ApprovalsQuery, output: z.array(ApprovalView), role: 'supervisor' },

  'settings.get': { input: Empty, output: SettingsView, role: 'supervisor' },
  'settings.update': { input: SettingsPatch, output: SettingsView, role: 'supervisor' },
  'settings.setCentralPassword': { input: CentralPasswordInput, output: Ok, role: 'supervisor' },
  /** Asks for a certificate login's private key file, and keeps the key sealed. */
  'settings.installClientKey': { input: Empty, output: SettingsView, role: 'supervisor' },
  'printers.list': { input: Empty, output: z.array(PrinterInfo), role: 'supervisor' },
  /** The chosen printer's state, for the counter's warning before a visit needs it. */
  'printers.status': { input: Empty, output: PrinterStatus, role: 'clerk' },

  'passportList.status': { input: Empty, output: PassportListStatus, role: 'clerk' },
  /**
   * Asks for the MVD's CSV (or .csv.bz2), builds the index from it off the main thread, or
   * takes an index built by `npm run passports:import`, and swaps it in.
   */
  'passportList.install': {
    input: PassportListInstallInput,
    output: PassportListStatus,
    role: 'supervisor',
  },
  'passportList.progress': { input: Empty, output: PassportListProgress, role: 'supervisor' },

  'sync.status': { input: Empty, output: SyncStatus, role: 'clerk' },
  'sync.now': { input: Empty, output: SyncStatus, role: 'clerk' },
  'sync.dead': { input: Empty, output: z.array(DeadOperation), role: 'supervisor' },
  'sync.retryDead': { input: OperationRef, output: Ok, role: 'supervisor' },
  'sync.conflicts': { input: Empty, output: z.array(ConflictView), role: 'supervisor' },
  /** Read live from the centre: what it holds for this office, and its security events. */
  'centre.review': { input: Empty, output: OfficeReview, role: 'supervisor' },
  'centre.decideHeld': { input: HeldDecisionInput, output: HeldDecisions, role: 'supervisor' },
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
