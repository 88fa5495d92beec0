import { describe, expect, it } from 'vitest';
import {
  checkPassport,
  formatSeries,
  normalizePassport,
  PASSPORT_SEVERITY,
  type PassportFindingCode,
  type PassportInput,
} from '../../../shared/domain/passport';

// Born 10 March 1980, passport issued at 29 in 2009 on a 2009 blank, seen in 2024 at 44.
const VALID: PassportInput = {
  series: '4509',
  number: '123456',
  issueDate: '2009-06-15',
  departmentCode: '770-001',
  birthDate: '1980-03-10',
};
const TODAY = '2024-05-01';

const codes = (p: Partial<PassportInput>, today = TODAY): PassportFindingCode[] =>
  checkPassport({ ...VALID, ...p }, today).findings.map((f) => f.code);

describe('checkPassport: formats', () => {
  it('accepts a valid passport with no findings at all', () => {
    expect(checkPassport(VALID, TODAY)).toEqual({ ok: true, findings: [] });
  });

  it('accepts series and number typed with spaces, and the department code without hyphen', () => {
    expect(codes({ series: '45 09', number: '123 456', departmentCode: '770001' })).toEqual([]);
    expect(codes({ series: ' 4509 ', number: '12 34 56', departmentCode: ' 770-001 ' })).toEqual(
      [],
    );
  });

  it.each([['450'], ['45091'], ['45O9'], ['45-0'], ['４５０９'], [''], ['   ']])(
    'rejects series %j with SERIES_FORMAT on the series field',
    (series) => {
      const result = checkPassport({ ...VALID, series }, TODAY);
      expect(result.ok).toBe(false);
      expect(result.findings).toEqual([
        { code: 'SERIES_FORMAT', severity: 'error', field: 'series' },
      ]);
    },
  );

  it.each([['12345'], ['1234567'], ['12345б'], ['123_45'], ['١٢٣٤٥٦']])(
    'rejects number %j with NUMBER_FORMAT only',
    (number) => {
      expect(codes({ number })).toEqual(['NUMBER_FORMAT']);
    },
  );

  it('reads every field typed in groups the same way, whatever separates the groups', () => {
    // Issue 13: "770 001" and "10-08-1991" were refused while "45 09" was not.
    for (const [series, number, departmentCode] of [
      ['45-09', '123_456', '770 001'],
      ['45.09', '123-456', '770–001'],
      ['45\u00a009', '12 34 56', '770--001'],
      ['4509', '123456', '770\u2212001'],
    ])
      expect(
        codes({ series, number, departmentCode }),
        `${series} ${number} ${departmentCode}`,
      ).toEqual([]);
    expect(normalizePassport({ ...VALID, departmentCode: '770 001' }).departmentCode).toBe(
      '770-001',
    );
    for (const birthDate of [
      '10.03.1980',
      '10-03-1980',
      '10/03/1980',
      '10 03 1980',
      '10031980',
      '1980-03-10',
    ])
      expect(normalizePassport({ ...VALID, birthDate }).birthDate, birthDate).toBe('1980-03-10');
    expect(normalizePassport({ ...VALID, issueDate: '1.2.2020' }).issueDate).toBe('2020-02-01');
  });

  it.each([['770-01'], ['ABC-DEF'], ['7700011']])(
    'rejects department code %j',
    (departmentCode) => {
      expect(codes({ departmentCode })).toEqual(['DEPARTMENT_CODE_FORMAT']);
    },
  );

  it('tells a day that does not exist from text that is no date, with no age findings on top', () => {
    // Issue 13: 31.02.2020 was told to be typed as ДД.ММ.ГГГГ, which it was.
    expect(codes({ birthDate: '2023-02-29' })).toEqual(['BIRTH_DATE_NO_SUCH_DAY']);
    expect(codes({ birthDate: '31.02.1980' })).toEqual(['BIRTH_DATE_NO_SUCH_DAY']);
    expect(codes({ birthDate: '10.13.1980' })).toEqual(['BIRTH_DATE_NO_SUCH_DAY']);
    // An issue date that does not parse cannot be compared with the series year either.
    expect(codes({ issueDate: '2009-06-31' })).toEqual(['ISSUE_DATE_NO_SUCH_DAY']);
    expect(codes({ issueDate: '2009-6-15x', birthDate: 'вчера' })).toEqual([
      'BIRTH_DATE_FORMAT',
      'ISSUE_DATE_FORMAT',
    ]);
  });

  it('reports every malformed field of an empty form, in field order', () => {
    expect(checkPassport({}, TODAY).findings.map((f) => f.field)).toEqual([
      'series',
      'number',
      'departmentCode',
      'birthDate',
      'issueDate',
    ]);
  });
});

describe('checkPassport: dates and ages', () => {
  it('rejects a birth or issue date after today, but not on today', () => {
    expect(codes({ birthDate: '2024-05-02', issueDate: '2024-05-01', series: '4524' })).toEqual([
      'BIRTH_DATE_IN_FUTURE',
    ]);
    expect(codes({ issueDate: '2024-05-02', series: '4524' })).toEqual(['ISSUE_DATE_IN_FUTURE']);
    expect(codes({ issueDate: '2024-05-01', series: '4524' })).toEqual([]);
  });

  it('reports an issue date before birth once, without the age findings it implies', () => {
    expect(codes({ issueDate: '1979-01-01', series: '4579' })).toEqual(['ISSUE_BEFORE_BIRTH']);
  });

  it('rejects a passport issued the day before the 14th birthday and accepts it on the day', () => {
    const p = { birthDate: '2000-07-20', series: '4514' };
    expect(codes({ ...p, issueDate: '2014-07-19' }, '2015-01-01')).toEqual(['ISSUED_BEFORE_14']);
    expect(codes({ ...p, issueDate: '2014-07-20' }, '2015-01-01')).toEqual([]);
  });

  it('keeps a passport issued before 20 valid for 90 days after the 20th birthday', () => {
    // 20th birthday 2020-01-10; +90 days is 2020-04-09 (2020 is a leap year).
    const p = { birthDate: '2000-01-10', issueDate: '2014-02-01', series: '4514' };
    expect(codes(p, '2020-04-09')).toEqual([]);
    expect(codes(p, '2020-04-10')).toEqual(['EXPIRED_AT_20']);
    // Issued on the 20th birthday itself: that is the replacement, not the old passport.
    expect(codes({ ...p, issueDate: '2020-01-10', series: '4519' }, '2030-01-01')).toEqual([]);
  });

  it('keeps a passport issued before 45 valid for 90 days after the 45th birthday', () => {
    // 45th birthday 2025-03-10; +90 days is 2025-06-08.
    expect(codes({}, '2025-06-08')).toEqual([]);
    expect(codes({}, '2025-06-09')).toEqual(['EXPIRED_AT_45']);
    expect(codes({ issueDate: '2025-03-10', series: '4525' }, '2025-06-09')).toEqual([]);
  });

  it('reports only the first missed replacement', () => {
    expect(
      codes({ birthDate: '1970-01-01', issueDate: '1986-01-01', series: '4586' }, '2024-01-01'),
    ).toEqual(['EXPIRED_AT_20']);
  });

  it('puts the 14th, 20th and 45th birthdays of someone born on 29 February on 1 March', () => {
    const leap = { birthDate: '1996-02-29' };
    // 14th birthday: 2010-03-01.
    expect(codes({ ...leap, issueDate: '2010-02-28', series: '4510' })).toContain(
      'ISSUED_BEFORE_14',
    );
    expect(codes({ ...leap, issueDate: '2010-03-01', series: '4510' }, '2016-01-01')).toEqual([]);
    // 20th birthday 2016-02-29 exists; +90 days is 2016-05-29.
    const teen = { ...leap, issueDate: '2010-03-01', series: '4510' };
    expect(codes(teen, '2016-05-29')).toEqual([]);
    expect(codes(teen, '2016-05-30')).toEqual(['EXPIRED_AT_20']);
    // 45th birthday: 2041-03-01; +90 days is 2041-05-30.
    const adult = { ...leap, issueDate: '2016-03-01', series: '4516' };
    expect(codes(adult, '2041-05-30')).toEqual([]);
    expect(codes(adult, '2041-05-31')).toEqual(['EXPIRED_AT_45']);
  });
});

describe('checkPassport: series year', () => {
  it.each([
    ['4597', '1999-01-10', false],
    ['4501', '2002-01-10', false],
    ['4599', '2001-05-05', false],
    ['4597', '2001-01-10', true],
    ['4511', '2014-01-10', false],
    ['4510', '2014-01-10', true],
    ['4517', '2014-01-10', false],
    ['4518', '2014-01-10', true],
  ])('series %s issued %s: warning %s', (series, issueDate, warned) => {
    const result = checkPassport(
      { ...VALID, series, issueDate, birthDate: '1970-01-01' },
      '2015-01-01',
    );
    expect(result.findings).toEqual(
      warned ? [{ code: 'SERIES_YEAR_MISMATCH', severity: 'warning', field: 'series' }] : [],
    );
    // A warning alone does not fail the check: a supervisor may override it.
    expect(result.ok).toBe(true);
  });
});

describe('checkPassport: hostile input', () => {
  it('never throws, and fails anything that is not a passport', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      'x',
      [],
      Symbol('s'),
      () => VALID,
      Object.create(null),
      { ...VALID, series: 4509 },
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
        },
      ),
      {
        get series(): string {
          throw new Error('getter');
        },
      },
    ];
    for (const p of hostile) {
      const result = checkPassport(p, TODAY);
      expect(result.ok).toBe(false);
      expect(result.findings.some((f) => f.code === 'SERIES_FORMAT')).toBe(true);
    }
  });

  it('fails closed when today is not a date, still reporting what it can', () => {
    for (const today of ['', '2024-02-30', 'today', null, 20240501] as unknown[]) {
      const result = checkPassport(VALID, today as string);
      expect(result.ok).toBe(false);
      expect(result.findings).toEqual([]);
    }
    expect(checkPassport({ ...VALID, number: '1' }, 'nope').findings.map((f) => f.code)).toEqual([
      'NUMBER_FORMAT',
    ]);
  });

  it('turns a megabyte field into a format finding quickly', () => {
    const huge = '4'.repeat(1_000_000);
    const started = performance.now();
    expect(codes({ series: huge, number: huge, birthDate: huge })).toEqual([
      'SERIES_FORMAT',
      'NUMBER_FORMAT',
      'BIRTH_DATE_FORMAT',
    ]);
    // Generous for a loaded CI box: the length guard refuses these before any scan of them.
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe('severity, normalisation, formatting', () => {
  it('makes only the series-year mismatch and the missing list warnings', () => {
    const warnings = Object.entries(PASSPORT_SEVERITY)
      .filter(([, s]) => s === 'warning')
      .map(([c]) => c)
      .sort();
    expect(warnings).toEqual(['PASSPORT_LIST_MISSING', 'SERIES_YEAR_MISMATCH']);
    expect(PASSPORT_SEVERITY.INVALID_PASSPORT_LIST).toBe('error');
  });

  it('normalises what the clerk typed to the stored form', () => {
    expect(
      normalizePassport({
        ...VALID,
        series: '45 09',
        number: ' 123 456',
        departmentCode: '770001',
      }),
    ).toEqual({
      series: '4509',
      number: '123456',
      departmentCode: '770-001',
      issueDate: VALID.issueDate,
      birthDate: VALID.birthDate,
    });
  });

  it('prints the series as in the passport', () => {
    expect(formatSeries('4509')).toBe('45 09');
    expect(formatSeries('45 09')).toBe('45 09');
    expect(formatSeries(' 45O9 ')).toBe('45O9');
  });
});
