// The first document a process makes is ten times slower than the hundredth: fonts are read
// and parsed, fontkit decodes its tables, and V8 has not yet compiled pdfkit's hot paths
// (measured: ~250 ms of CPU for the first sheet, 55-75 ms after this warm-up, ~25 ms steady).
// The app calls this once after start-up, while the clerk signs in, so the resident at the
// counter never waits for it. It yields between documents so the main process keeps
// answering; the documents made here hold no one's data and are dropped.
import { renderConsentForm } from './consent-form';
import { renderInfoSheet } from './info-sheet';
import type { DocLanguage } from './types';

const PLACEHOLDER = 'Образец — Sample — Образец';

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function prepareDocuments(
  languages: DocLanguage[] = ['ru'],
  rounds = 5,
): Promise<void> {
  const person = {
    series: '0000',
    number: '000000',
    issueDate: '2000-01-01',
    issuedBy: PLACEHOLDER,
    departmentCode: '000-000',
  };
  const sheet = (language: DocLanguage) =>
    renderInfoSheet({
      language,
      paper: 'A4',
      serial: 'WARMUP',
      portalUrl: 'https://example.invalid',
      login: '0000000000',
      password: 'abcde-fghjk',
      passwordAlphabet: 'abcdefghjkmnpqrstuvwxyz23456789',
      expiresAt: '2000-01-31T00:00:00Z',
      activationMinutes: 15,
      meterDeadlineDay: 25,
      dataDelayDays: 3,
      district: PLACEHOLDER,
      office: { name: PLACEHOLDER, address: PLACEHOLDER, phone: '0' },
      clerkName: PLACEHOLDER,
      issuedAt: '2000-01-01T00:00:00Z',
    });
  const consent = (language: DocLanguage) =>
    renderConsentForm({
      language,
      serial: 'WARMUP',
      subject: {
        fullName: PLACEHOLDER,
        birthDate: '1970-01-01',
        address: PLACEHOLDER,
        document: person,
      },
      representative: null,
      operator: { name: PLACEHOLDER, address: PLACEHOLDER },
      processors: [],
      payerCode: '0000000000',
      office: { name: PLACEHOLDER, address: PLACEHOLDER },
      clerkName: PLACEHOLDER,
      date: '2000-01-01',
    });
  for (const language of languages) {
    await sheet(language);
    await yieldToEvents();
    await consent(language);
    await yieldToEvents();
  }
  // The sheet is what a resident waits for: take it to steady state in the main language.
  for (let i = 1; i < rounds; i++) {
    await sheet(languages[0] ?? 'ru');
    await yieldToEvents();
  }
}
