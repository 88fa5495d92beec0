// The shapes the core hands to the document renderers. Kept apart from the renderers so the
// text and layout modules can share them without importing each other.

export type DocLanguage = 'ru' | 'en' | 'bg';
export const DOC_LANGUAGES: readonly DocLanguage[] = ['ru', 'en', 'bg'];

export interface InfoSheetData {
  language: DocLanguage;
  paper: 'A4' | 'A5';
  /** e.g. 'MSK012-2026-000123' */
  serial: string;
  /** e.g. 'https://lk.example.ru' */
  portalUrl: string;
  /** The payer code (10 digits). */
  login: string;
  /** Grouped for reading, e.g. 'k7m4q-x9t2w'; characters outside the alphabet are separators. */
  password: string;
  /** The symbols the generator draws from, for the "characters used" note. */
  passwordAlphabet: string;
  /** ISO instant: when the unused temporary password expires. */
  expiresAt: string;
  /** Access becomes active within this many minutes (sync to the centre). */
  activationMinutes: number;
  /**
   * What the sheet may promise, from the sync state when it is printed: `now` once the centre
   * has the credential, `within` activationMinutes while connected, `afterTransfer` while
   * not connected (no time can be promised then). Default `within`.
   */
  activation?: 'now' | 'within' | 'afterTransfer';
  /** Readings no later than this day of the month. */
  meterDeadlineDay: number;
  /** Recent payments and readings may take up to this many days to appear. */
  dataDelayDays: number;
  /** e.g. 'Москва, Юго-Восточный административный округ' */
  district: string;
  office: { name: string; address: string; phone?: string };
  clerkName: string;
  /** ISO instant; printed as local date and time in Europe/Moscow. */
  issuedAt: string;
}

export interface PersonDocument {
  series: string;
  number: string;
  /** YYYY-MM-DD */
  issueDate: string;
  issuedBy: string;
  departmentCode: string;
}

export interface ConsentFormData {
  language: DocLanguage;
  serial: string;
  subject: { fullName: string; birthDate: string; address: string; document: PersonDocument };
  representative: null | {
    fullName: string;
    address: string;
    document: PersonDocument;
    powerOfAttorney: { number: string; date: string; issuedBy: string };
  };
  operator: { name: string; address: string };
  processors: { name: string; address: string; role: string }[];
  payerCode: string;
  office: { name: string; address: string };
  clerkName: string;
  /** YYYY-MM-DD */
  date: string;
}
