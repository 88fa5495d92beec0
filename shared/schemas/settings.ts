import { z } from 'zod';
import { Language } from './common';

// Every number DOMAIN.md names lives here once, as a setting with that default.
export const Settings = z.object({
  language: Language.default('ru'),
  office: z
    .object({
      code: z.string().trim().min(1).max(20).default('MSK-001'),
      name: z.string().trim().min(1).max(200).default('Расчётный центр (демо)'),
      address: z.string().trim().max(300).default('г. Москва, ул. Демонстрационная, д. 1'),
      phone: z.string().trim().max(40).default(''),
    })
    .default({
      code: 'MSK-001',
      name: 'Расчётный центр (демо)',
      address: 'г. Москва, ул. Демонстрационная, д. 1',
      phone: '',
    }),
  /** The personal-data operator named in the consent (152-FZ art. 9 §4 item 3). */
  operator: z
    .object({
      name: z.string().trim().min(1).max(300).default('ГБУ «Расчётный центр» (демо)'),
      address: z.string().trim().min(1).max(300).default('г. Москва, ул. Демонстрационная, д. 1'),
    })
    .default({
      name: 'ГБУ «Расчётный центр» (демо)',
      address: 'г. Москва, ул. Демонстрационная, д. 1',
    }),
  /** Processors acting on the operator's instruction (item 6), e.g. the portal's operator. */
  processors: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(300),
        address: z.string().trim().max(300),
        role: z.string().trim().max(300),
      }),
    )
    .max(10)
    .default([]),
  portalUrl: z.string().url().default('https://lk.example.ru'),
  printer: z.string().max(200).nullable().default(null),
  paper: z.enum(['A4', 'A5']).default('A4'),
  meterDeadlineDay: z.number().int().min(1).max(31).default(25),
  dataDelayDays: z.number().int().min(0).max(30).default(3),
  activationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  password: z
    .object({
      length: z.number().int().min(10).max(32).default(10),
      groupSize: z.number().int().min(3).max(8).default(5),
      unusedExpiryDays: z.number().int().min(1).max(90).default(30),
    })
    .default({ length: 10, groupSize: 5, unusedExpiryDays: 30 }),
  /** A second reset within this many days needs a supervisor. */
  resetApprovalWindowDays: z.number().int().min(0).max(365).default(30),
  idleLockMinutes: z.number().int().min(1).max(240).default(15),
  passportListMaxAgeDays: z.number().int().min(1).max(365).default(14),
  central: z
    .object({
      host: z.string().trim().max(200).default(''),
      port: z.number().int().min(1).max(65535).default(5432),
      database: z.string().trim().max(100).default('access_desk'),
      user: z.string().trim().max(100).default('access_desk_workstation'),
      sslMode: z.enum(['disable', 'require', 'verify-full']).default('verify-full'),
      caFile: z.string().max(500).default(''),
    })
    .default({
      host: '',
      port: 5432,
      database: 'access_desk',
      user: 'access_desk_workstation',
      sslMode: 'verify-full',
      caFile: '',
    }),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
