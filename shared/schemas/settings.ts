import { z } from 'zod';
import { text } from './text';
import { Language } from './common';

// Every number DOMAIN.md names lives here once, as a setting with that default.

export const OfficeSettings = z.object({
  code: text().trim().min(1).max(20),
  name: text().trim().min(1).max(200),
  address: text().trim().max(300),
  phone: text().trim().max(40),
  /**
   * The city the office's residents live in. The registry's addresses are a city's and do not
   * repeat it; a consent names the subject's whole address (152-FZ art. 9 §4 item 1).
   */
  city: text().trim().max(100).default('г. Москва'),
});

/** The personal-data operator named in the consent (152-FZ art. 9 §4 item 3). */
export const OperatorSettings = z.object({
  name: text().trim().min(1).max(300),
  address: text().trim().min(1).max(300),
});

/** Processors acting on the operator's instruction (item 6), e.g. the portal's operator. */
export const Processors = z
  .array(
    z.object({
      name: text().trim().min(1).max(300),
      address: text().trim().max(300),
      role: text().trim().max(300),
    }),
  )
  .max(10);

export const PasswordPolicy = z.object({
  length: z.number().int().min(10).max(32),
  groupSize: z.number().int().min(3).max(8),
  unusedExpiryDays: z.number().int().min(1).max(90),
});

/**
 * The personal-data lifecycle (docs/personal-data.md). The passport details a consent covered
 * are kept `retentionDays` from the day they were recorded, then destroyed; a withdrawal
 * destroys them sooner (after WITHDRAWAL_DESTROY_DAYS). The responsible person signs every
 * destruction act with the supervisor who ran it.
 */
export const PersonalDataSettings = z.object({
  retentionDays: z.number().int().min(365).max(36_500),
  responsibleName: text().trim().max(200),
  responsiblePosition: text().trim().max(200),
});

export const CentralSettings = z.object({
  host: text().trim().max(200),
  port: z.number().int().min(1).max(65535),
  database: text().trim().max(100),
  user: text().trim().max(100),
  sslMode: z.enum(['disable', 'require', 'verify-full']),
  caFile: text().max(500),
  /**
   * A certificate login's client certificate (PEM file); its private key is installed
   * separately and kept sealed. Empty: the login signs in with its password.
   */
  certFile: text().max(500).default(''),
  /** District codes the office replicates, comma-separated (ACCESS_DESK_DISTRICTS overrides). */
  districts: text().trim().max(500).default(''),
});

/** Each top-level setting without a default: the shape of a patch. */
const fields = {
  language: Language,
  office: OfficeSettings,
  operator: OperatorSettings,
  processors: Processors,
  portalUrl: text().url(),
  printer: text().max(200).nullable(),
  paper: z.enum(['A4', 'A5']),
  meterDeadlineDay: z.number().int().min(1).max(31),
  dataDelayDays: z.number().int().min(0).max(30),
  activationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  password: PasswordPolicy,
  /** A second reset within this many days needs a supervisor. */
  resetApprovalWindowDays: z.number().int().min(0).max(365),
  idleLockMinutes: z.number().int().min(1).max(240),
  passportListMaxAgeDays: z.number().int().min(1).max(365),
  personalData: PersonalDataSettings,
  central: CentralSettings,
};

/** Five years: the default storage period of what a consent covered (docs/personal-data.md). */
export const DEFAULT_RETENTION_DAYS = 1826;
/**
 * A withdrawal's data are destroyed this many days after it: inside the law's 30 days, with
 * a day to spare for a job that runs once a day.
 */
export const WITHDRAWAL_DESTROY_DAYS = 29;

type SettingsDoc = z.output<z.ZodObject<typeof fields>>;

export const DEFAULT_SETTINGS: SettingsDoc = {
  language: 'ru',
  office: {
    code: 'MSK-001',
    name: 'Расчётный центр (демо)',
    address: 'г. Москва, ул. Демонстрационная, д. 1',
    phone: '',
    city: 'г. Москва',
  },
  operator: {
    name: 'ГБУ «Расчётный центр» (демо)',
    address: 'г. Москва, ул. Демонстрационная, д. 1',
  },
  processors: [],
  portalUrl: 'https://lk.example.ru',
  printer: null,
  paper: 'A4',
  meterDeadlineDay: 25,
  dataDelayDays: 3,
  activationMinutes: 15,
  password: { length: 10, groupSize: 5, unusedExpiryDays: 30 },
  resetApprovalWindowDays: 30,
  idleLockMinutes: 15,
  passportListMaxAgeDays: 14,
  personalData: {
    retentionDays: DEFAULT_RETENTION_DAYS,
    responsibleName: '',
    responsiblePosition: '',
  },
  central: {
    host: '',
    port: 5432,
    database: 'access_desk',
    user: 'access_desk_workstation',
    sslMode: 'verify-full',
    caFile: '',
    certFile: '',
    districts: '',
  },
};

/** The whole settings document; a stored document missing a key gets that key's default. */
export const Settings = z
  .object(fields)
  .partial()
  .transform((s): SettingsDoc => ({ ...DEFAULT_SETTINGS, ...s }));
export type Settings = z.output<typeof Settings>;

/** A change to some top-level settings; keys it does not name keep their values. */
export const SettingsPatch = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
