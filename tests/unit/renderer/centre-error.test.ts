// What the centre said reaches the clerk and the supervisor in their language: the sync
// status and the dead-letter list keep `CODE: the centre's own words`, and the screens
// translate the codes they know (the centre's refusals, an unreachable centre, a refused
// login, a certificate that does not check out), keeping the words underneath for IT.
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { centralFunctionFiles } from '../../../electron/core/sync/central/migrate';
import { REFUSED_LOGIN } from '../../../electron/core/sync/identity';
import { centreReason, splitCentreError } from '../../../renderer/src/lib/centreError';
import bg from '../../../renderer/src/i18n/locales/bg/common.json';
import en from '../../../renderer/src/i18n/locales/en/common.json';
import ru from '../../../renderer/src/i18n/locales/ru/common.json';

let i18n: I18n;
beforeAll(async () => {
  i18n = i18next.createInstance();
  await i18n.init({
    resources: { ru: { common: ru }, en: { common: en }, bg: { common: bg } },
    lng: 'ru',
    fallbackLng: false,
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
});

describe('the centre’s answers', () => {
  it('splits a code from the centre’s words, and leaves other text whole', () => {
    expect(splitCentreError('OUT_OF_SCOPE: account 42 is not in the districts')).toEqual({
      code: 'OUT_OF_SCOPE',
      detail: 'account 42 is not in the districts',
    });
    expect(splitCentreError('28P01: password authentication failed for user "x"')).toEqual({
      code: '28P01',
      detail: 'password authentication failed for user "x"',
    });
    expect(splitCentreError('audit: AD012: does not continue').code).toBeNull();
    expect(splitCentreError('something went wrong')).toEqual({
      code: null,
      detail: 'something went wrong',
    });
  });

  it.each(['ru', 'en', 'bg'] as const)('says the known ones in %s, and not the unknown', (lang) => {
    const t = i18n.getFixedT(lang);
    const scope = centreReason('OUT_OF_SCOPE: account 42 is not in the districts', t);
    expect(scope).toBe(t('centre.codes.OUT_OF_SCOPE'));
    expect(scope).not.toMatch(/account 42/);
    expect(centreReason('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432', t)).toBe(
      t('centre.codes.ECONNREFUSED'),
    );
    expect(centreReason('SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate', t)).toBe(
      t('centre.codes.SELF_SIGNED_CERT_IN_CHAIN'),
    );
    expect(centreReason('NO_SUCH_CODE: whatever', t)).toBeNull();
    expect(centreReason('plain words', t)).toBeNull();
    expect(centreReason(null, t)).toBeNull();
  });

  it('has a text in every language for every code the centre and the workstation answer with', () => {
    // The codes as the central functions and the workstation's hello write them.
    const sql = centralFunctionFiles()
      .map((f) => f.sql)
      .join('\n');
    const codes = new Set([
      ...[...sql.matchAll(/ad_refusal\('([A-Z_]+)'/g)].map((m) => m[1]!),
      ...[...sql.matchAll(/'code', '([A-Z_]+)'/g)].map((m) => m[1]!),
      ...[...sql.matchAll(/ad_security_event\('[a-z-]+', '([A-Z_]+)'/g)].map((m) => m[1]!),
      ...Object.values(REFUSED_LOGIN),
      'OFFICE_MISMATCH',
    ]);
    expect(codes.size).toBeGreaterThanOrEqual(12);
    for (const lang of ['ru', 'en', 'bg'] as const) {
      const t = i18n.getFixedT(lang);
      for (const code of codes)
        expect(centreReason(`${code}: x`, t), `${lang} ${code}`).not.toBeNull();
    }
  });
});
