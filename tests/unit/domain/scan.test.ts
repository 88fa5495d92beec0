import { describe, expect, it } from 'vitest';
import { buildMrz, type MrzPassport } from '../../../shared/domain/mrz';
import { parseScan } from '../../../shared/domain/scan';
import { typedWithRussianLayout, withCapsLock } from './keyboard';

// A Moscow ЕПД QR as GOST R 56042-2014 lays it out: PersonalAcc is the payee's bank
// account, PersAcc the payer's account (the login).
const BILL =
  'ST00012|Name=ГБУ "Жилищник района Лефортово"|PersonalAcc=40702810938000000001|BankName=ПАО СБЕРБАНК' +
  '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7722000000|PersAcc=1234567890' +
  '|PaymPeriod=0524|Flat=12|Sum=512300';

const SPECIMEN: MrzPassport = {
  surname: 'ИМЯРЕК',
  givenName: 'ЕВГЕНИЙ',
  patronymic: 'АЛЕКСАНДРОВИЧ',
  series: '1104',
  number: '000000',
  birthDate: '1982-09-12',
  issueDate: '2004-12-17',
  departmentCode: '292-000',
  sex: 'M',
};
const [L1, L2] = buildMrz(SPECIMEN);

describe('bill QR', () => {
  it('takes the payer code from PersAcc and keeps every pair', () => {
    const scan = parseScan(BILL);
    expect(scan).toMatchObject({ kind: 'bill', payerCode: '1234567890' });
    if (scan.kind !== 'bill') throw new Error('not a bill');
    expect(scan.fields).toEqual({
      Name: 'ГБУ "Жилищник района Лефортово"',
      PersonalAcc: '40702810938000000001',
      BankName: 'ПАО СБЕРБАНК',
      BIC: '044525225',
      CorrespAcc: '30101810400000000225',
      PayeeINN: '7722000000',
      PersAcc: '1234567890',
      PaymPeriod: '0524',
      Flat: '12',
      Sum: '512300',
    });
  });

  it('never takes PersonalAcc (the payee’s bank account) for the payer code', () => {
    expect(parseScan('ST00012|Name=УК|PersonalAcc=40702810938000000001|Sum=100')).toMatchObject({
      kind: 'bill',
      payerCode: null,
    });
    expect(parseScan('ST00012|PersonalAcc=4070281093|PersAcc=7700001111')).toMatchObject({
      payerCode: '7700001111',
    });
  });

  it.each([['#'], [';'], ['~'], ['^'], ['\t']])(
    'uses whatever separator follows the flag: %j',
    (sep) => {
      const scan = parseScan(`ST00011${sep}Name=УК${sep}PersAcc=7700001111${sep}Sum=100`);
      expect(scan).toMatchObject({
        kind: 'bill',
        payerCode: '7700001111',
        fields: { Name: 'УК', Sum: '100' },
      });
    },
  );

  it('accepts the three encoding flags and nothing else', () => {
    for (const flag of ['1', '2', '3'])
      expect(parseScan(`ST0001${flag}|PersAcc=7700001111`).kind).toBe('bill');
    expect(parseScan('ST00014|PersAcc=7700001111').kind).toBe('unknown');
    expect(parseScan('ST0002|PersAcc=7700001111').kind).toBe('unknown');
  });

  it('strips spaces from PersAcc and refuses one that is not all digits', () => {
    expect(parseScan('ST00012|PersAcc=77 0000 1111')).toMatchObject({ payerCode: '7700001111' });
    expect(parseScan('ST00012|PersAcc=77000O1111')).toMatchObject({
      kind: 'bill',
      payerCode: null,
    });
    expect(parseScan('ST00012|PersAcc=')).toMatchObject({ kind: 'bill', payerCode: null });
  });

  it('keeps = inside values and finds PersAcc whatever its case', () => {
    const scan = parseScan('ST00012|Purpose=Оплата ЖКУ, k=2|persacc=7700001111');
    expect(scan).toMatchObject({ payerCode: '7700001111', fields: { Purpose: 'Оплата ЖКУ, k=2' } });
  });

  it('lets the first PersAcc win, so an appended pair cannot change the account', () => {
    expect(parseScan('ST00012|PersAcc=7700001111|PersAcc=9999999999')).toMatchObject({
      payerCode: '7700001111',
    });
  });

  it('keeps a __proto__ key as a plain field', () => {
    const scan = parseScan('ST00012|__proto__=x|PersAcc=7700001111');
    if (scan.kind !== 'bill') throw new Error('not a bill');
    expect(Object.getPrototypeOf(scan.fields)).toBe(Object.prototype);
    expect(Object.hasOwn(scan.fields, '__proto__')).toBe(true);
    expect(scan.payerCode).toBe('7700001111');
  });

  it('reads a bill typed under the Russian layout', () => {
    const typed = typedWithRussianLayout('ST00012|PersAcc=7700001111|Sum=100');
    // `|` is Shift+\ and arrives as `/` under the standard Windows Russian layout.
    expect(typed).toBe('ЫЕ00012/ЗукыФсс=7700001111/Ыгь=100');
    expect(parseScan(typed)).toEqual({
      kind: 'bill',
      payerCode: '7700001111',
      fields: { PersAcc: '7700001111', Sum: '100' },
    });
    expect(parseScan(typedWithRussianLayout(BILL))).toMatchObject({
      kind: 'bill',
      payerCode: '1234567890',
    });
  });

  it('reads a bill typed with Caps Lock on, keys back in their own case', () => {
    expect(parseScan('st00012|pERSaCC=7700001111|sUM=100')).toEqual({
      kind: 'bill',
      payerCode: '7700001111',
      fields: { PersAcc: '7700001111', Sum: '100' },
    });
    // Under the Russian layout Caps Lock also flips the `<` `>` `,` `.` keys (б, ю).
    const typed = withCapsLock(typedWithRussianLayout('ST00012|Note=a<b>c,d.|PersAcc=7700001111'));
    expect(parseScan(typed)).toMatchObject({
      payerCode: '7700001111',
      fields: { Note: 'a<b>c,d.' },
    });
  });

  it('reads it with Caps Lock on, and with a layout that keeps |', () => {
    expect(parseScan(withCapsLock('ЫЕ00012/ЗукыФсс=7700001111'))).toMatchObject({
      payerCode: '7700001111',
    });
    expect(parseScan('ЫЕ00012|ЗукыФсс=7700001111')).toMatchObject({ payerCode: '7700001111' });
  });
});

describe('passport MRZ', () => {
  it.each([
    ['a newline', `${L1}\n${L2}`],
    ['CR LF and trailing Enter', `${L1}\r\n${L2}\r\n`],
    ['nothing', `${L1}${L2}`],
    ['a space', `${L1} ${L2}   `],
    ['a tab, in lower case', `${L1}\t${L2}`.toLowerCase()],
  ])('is read from two lines separated by %s', (_what, text) => {
    expect(parseScan(text)).toEqual({ kind: 'mrz', passport: SPECIMEN, checksOk: true });
  });

  it('is read when typed under the Russian layout (< arrives as Б)', () => {
    const typed = typedWithRussianLayout(`${L1}\n${L2}`);
    expect(typed.startsWith('ЗТКГЫШЬ8КУЛББУМПУТШЙБ')).toBe(true);
    expect(parseScan(typed)).toEqual({ kind: 'mrz', passport: SPECIMEN, checksOk: true });
    expect(parseScan(withCapsLock(typed))).toEqual({
      kind: 'mrz',
      passport: SPECIMEN,
      checksOk: true,
    });
  });

  it('is returned with checksOk false when a digit is misread', () => {
    const misread = `${L1}\n${L2.slice(0, 4)}9${L2.slice(5)}`;
    expect(parseScan(misread)).toMatchObject({ kind: 'mrz', checksOk: false });
  });

  it('is unknown when incomplete or not a Russian internal passport', () => {
    expect(parseScan(L1).kind).toBe('unknown');
    expect(parseScan(`${L1}\n${L2.slice(0, 40)}`).kind).toBe('unknown');
    expect(parseScan(`P<RUS${L1.slice(5)}\n${L2}`).kind).toBe('unknown');
  });
});

describe('bare payer code', () => {
  it('is 10 digits with optional surrounding whitespace', () => {
    expect(parseScan('7700001111')).toEqual({ kind: 'payerCode', payerCode: '7700001111' });
    expect(parseScan(' 7700001111\r\n')).toEqual({ kind: 'payerCode', payerCode: '7700001111' });
  });

  it.each([
    ['770000111'],
    ['77000011112'],
    ['77000O1111'],
    ['7700 001111'],
    ['７７００００１１１１'],
  ])('is not %j', (text) => {
    expect(parseScan(text)).toEqual({ kind: 'unknown' });
  });
});

describe('anything else', () => {
  it('is unknown and never throws', () => {
    for (const text of [
      '',
      '   ',
      'Иванов',
      'ST0001',
      null,
      undefined,
      7700001111,
      {},
      [BILL],
      Symbol('x'),
    ]) {
      expect(parseScan(text)).toEqual({ kind: 'unknown' });
    }
    // Far longer than any QR: refused before any work is done on it.
    expect(parseScan(`ST00012|PersAcc=7700001111|Name=${'x'.repeat(10_000)}`)).toEqual({
      kind: 'unknown',
    });
  });
});
