// The words on the documents live in resources/texts as JSON, one file per language, so a
// translator edits text and not code. They are imported rather than read at run time: the
// bundler inlines them, they load once per process, and the compiler checks that every
// language has every key (`satisfies` below). The consent text is versioned by folder; a
// signed consent records its version, so an old version stays here as long as anyone may ask
// what they signed.
import sheetRu from '../../../resources/texts/sheet/ru.json' with { type: 'json' };
import sheetEn from '../../../resources/texts/sheet/en.json' with { type: 'json' };
import sheetBg from '../../../resources/texts/sheet/bg.json' with { type: 'json' };
import consentV1Ru from '../../../resources/texts/consent/v1/ru.json' with { type: 'json' };
import consentV1En from '../../../resources/texts/consent/v1/en.json' with { type: 'json' };
import consentV1Bg from '../../../resources/texts/consent/v1/bg.json' with { type: 'json' };
import type { DocLanguage } from './types';

type PluralForms = { one: string; other: string; few?: string; many?: string };
type Section = { heading: string; text: string };

export interface SheetTexts {
  docTitle: string;
  title: string;
  subtitle: string;
  serial: string;
  portalLabel: string;
  loginLabel: string;
  passwordLabel: string;
  qrCaption: string;
  charsNote: string;
  confusablesNote: string;
  separatorNote: string;
  classes: { lower: string; upper: string; digits: string; other: string; and: string };
  activation: string;
  activationNow: string;
  activationAfterTransfer: string;
  minutes: PluralForms;
  expires: string;
  firstLogin: Section;
  choosing: Section;
  lost: Section;
  meters: Section;
  district: Section;
  delay: Section;
  days: PluralForms;
  footer: { office: string; phone: string; clerk: string; issued: string; serial: string };
}

export interface ConsentText {
  version: string;
  docTitle: string;
  title: string;
  lawReference: string;
  number: string;
  placeLabel: string;
  copies: { subject: string; operator: string };
  statementSelf: string;
  statementRepresentative: string;
  labels: {
    fullName: string;
    birthDate: string;
    address: string;
    document: string;
    powerOfAttorney: string;
    name: string;
  };
  passport: string;
  powerOfAttorney: string;
  sections: {
    subject: string;
    representative: string;
    representativeNone: string;
    operator: string;
    purpose: string;
    data: string;
    processors: string;
    processorsNone: string;
    actions: string;
    term: string;
    signature: string;
  };
  processorLine: string;
  purposeText: string;
  dataText: string;
  actionsText: string;
  termText: string;
  rights: string;
  signature: { signer: string; name: string; date: string };
  clerk: { text: string; label: string; signature: string };
  footer: string;
}

const SHEET: Record<DocLanguage, SheetTexts> = {
  ru: sheetRu satisfies SheetTexts,
  en: sheetEn satisfies SheetTexts,
  bg: sheetBg satisfies SheetTexts,
};

const CONSENT: Record<string, Record<DocLanguage, ConsentText>> = {
  v1: {
    ru: consentV1Ru satisfies ConsentText,
    en: consentV1En satisfies ConsentText,
    bg: consentV1Bg satisfies ConsentText,
  },
};

/** The consent text version a new consent is printed with. */
export const CURRENT_CONSENT_VERSION = 'v1';

export function sheetTexts(language: DocLanguage): SheetTexts {
  return SHEET[language];
}

/** Every consent text version this build can print, oldest first. */
export function consentVersions(): string[] {
  return Object.keys(CONSENT);
}

/**
 * The consent text in a language; the current version unless one is named (to show a
 * resident exactly what they signed years ago).
 */
export function consentText(
  language: DocLanguage,
  version: string = CURRENT_CONSENT_VERSION,
): ConsentText & { language: DocLanguage } {
  const byLanguage = CONSENT[version];
  if (!byLanguage) throw new RangeError(`Unknown consent text version: ${version}`);
  return { ...byLanguage[language], language };
}
