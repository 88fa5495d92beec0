// The documents the counter prints: the information sheet and the consent form, generated in
// memory with pdfkit. Plain Node, no Electron: tests and benchmarks run this as it is.
export type { DocLanguage, InfoSheetData, PersonDocument, ConsentFormData } from './types';
export { DOC_LANGUAGES } from './types';
export { portalLoginLink } from './qr';
export { consentText, consentVersions, CURRENT_CONSENT_VERSION, type ConsentText } from './texts';
export { renderInfoSheet } from './info-sheet';
export { renderConsentForm } from './consent-form';
export { setResourcesDir } from './fonts';
export { prepareDocuments } from './prepare';
