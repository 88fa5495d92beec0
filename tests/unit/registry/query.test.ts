// What the clerk types, as the search understands it: address words, house and flat
// numbers in their many spellings, ordinals, double surnames, payer codes in groups.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, compareNumbers } from '../../../electron/core/registry/address';
import { demoStreets } from '../../../electron/core/registry/generator';
import { houseKey, joinNameKey, nameKey } from '../../../electron/core/registry/keys';
import { foldName } from '../../../shared/domain/names';
import { houseAndFlat, payerCodeOf, tokenize } from '../../../electron/core/registry/query';
import { StreetIndex, streetWords } from '../../../electron/core/registry/streets';

const hf = (q: string) => houseAndFlat(tokenize(q));
const words = (q: string) =>
  tokenize(q).flatMap((t) => (t.t === 'word' ? t.parts : t.t === 'ord' ? [t.v] : []));

describe('tokenize and houseAndFlat', () => {
  it.each([
    ['мира 12 45', '12', '45'],
    ['пр. Мира, д. 12, кв. 45', '12', '45'],
    ['проспект Мира д.12 кв.45', '12', '45'],
    ['Мира, кв. 45, д. 12', '12', '45'],
    ['маршала жукова 5к2', '5к2', null],
    ['маршала жукова 5 к2', '5к2', null],
    ['маршала жукова 5 к 2', '5к2', null],
    ['маршала жукова д 5 корп. 2 кв 17', '5к2', '17'],
    ['маршала жукова 5к.2, 17', '5к2', '17'],
    ['Авиамоторная 7 стр 1', '7с1', null],
    ['авиамоторная 7с1', '7с1', null],
    ['лесная 12А 45а', '12а', '45а'],
    ['лесная 12-45', '12', '45'],
    ['лесная д12 кв45', '12', '45'],
    ['тверская', null, null],
  ])('%s → house %s, flat %s', (q, house, flat) => {
    expect(hf(q)).toEqual({ house, flat });
  });

  it('finds street words, street kinds and ordinals whatever the case and ё', () => {
    expect(words('пр. Мира, д. 12')).toEqual(['мира']);
    expect(tokenize('пр-т Мира').find((t) => t.t === 'kind')).toEqual({
      t: 'kind',
      kinds: ['проспект'],
    });
    expect(tokenize('ул. Мира').find((t) => t.t === 'kind')).toEqual({
      t: 'kind',
      kinds: ['улица'],
    });
    expect(words('1-я Тверская-Ямская')).toEqual(['1#', 'тверская', 'ямская']);
    expect(words('1-й тверская ямская')).toEqual(['1#', 'тверская', 'ямская']);
    expect(words('Улица ЗАМОРЁНОВА')).toEqual(['заморенова']);
    expect(words('г. Москва, ул. Лесная')).toEqual(['лесная']);
  });

  it('keeps a hyphenated surname as one word with its parts', () => {
    expect(tokenize('Иванова-Петрова')).toEqual([
      { t: 'word', v: 'иванова петрова', parts: ['иванова', 'петрова'] },
    ]);
    expect(tokenize('ФЁДОРОВ')).toEqual([{ t: 'word', v: 'федоров', parts: ['федоров'] }]);
  });

  it('folds a typed house the way stored keys are folded', () => {
    expect(hf('лесная 12 корпус 2').house).toBe(houseKey('12', 'к2'));
    expect(hf('лесная 12к2').house).toBe(houseKey('12', '2'));
    expect(hf('лесная 12А').house).toBe(houseKey('12А', ''));
  });

  it('reads a payer code typed in groups', () => {
    expect(payerCodeOf('770 000 1111')).toBe('7700001111');
    expect(payerCodeOf('7700-001-111')).toBe('7700001111');
    expect(payerCodeOf('77000011')).toBeNull();
    expect(payerCodeOf('мира 12')).toBeNull();
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const tokens = tokenize(s);
        houseAndFlat(tokens);
        payerCodeOf(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('street matching', () => {
  const index = new StreetIndex(demoStreets());
  const best = (ws: string[], kinds: string[] | null = null, numbers: string[] = []) =>
    index.match(ws, kinds, numbers).map((m) => `${m.street.kind} ${m.street.name}`);

  it('matches words in any order, whole or as prefixes', () => {
    expect(best(['мира'])[0]).toBe('проспект Мира');
    expect(best(['жукова', 'маршала'])[0]).toBe('проспект Маршала Жукова');
    expect(best(['марш', 'жук'])[0]).toBe('проспект Маршала Жукова');
    expect(best(['маршала'])).toEqual(
      expect.arrayContaining([
        'проспект Маршала Жукова',
        'улица Маршала Чуйкова',
        'улица Маршала Тухачевского',
      ]),
    );
    expect(best(['мира', 'лесная'])).toEqual([]);
    // Whole words typed or prefixes only: a surname + «мира» means the street, + «мир» may not.
    expect(index.match(['мира'], null, [])[0]?.whole).toBe(true);
    expect(index.match(['мир'], null, [])[0]?.whole).toBe(false);
    expect(index.match(['жукова'], null, [])[0]).toMatchObject({ whole: true, exact: false });
  });

  it('prefers the kind typed, and keeps both kinds when none was typed', () => {
    expect(best(['коломенская'])).toEqual(
      expect.arrayContaining(['улица Коломенская', 'набережная Коломенская']),
    );
    expect(best(['коломенская'], ['набережная'])).toEqual(['набережная Коломенская']);
    expect(best(['сретенский'], ['тупик'])).toEqual(['тупик Сретенский']);
  });

  it('lets a street name take its own numbers and ordinals', () => {
    const [march] = index.match(['марта'], null, ['8', '3']);
    expect(march?.street.name).toBe('8 Марта');
    expect(march?.usesNumbers).toEqual(['8']);
    expect(best(['1#', 'тверская'])[0]).toBe('улица 1-я Тверская-Ямская');
    const [first] = index.match(['тверская', 'ямская'], null, ['1', '5']);
    expect(first?.street.name).toBe('1-я Тверская-Ямская');
    expect(first?.usesNumbers).toEqual(['1']);
    expect(streetWords('1905 года')).toEqual({ words: ['года'], numbers: ['1905'] });
  });
});

describe('formatAddress and door-list order', () => {
  it('writes the address the Russian way', () => {
    expect(
      formatAddress({
        street: 'Маршала Жукова',
        streetKind: 'проспект',
        house: '12',
        building: 'к2',
        flat: '45',
      }),
    ).toBe('просп. Маршала Жукова, д. 12, корп. 2, кв. 45');
    expect(
      formatAddress({
        street: 'Маршала Жукова',
        streetKind: 'улица',
        house: '12',
        building: '2',
        flat: '45',
      }),
    ).toBe('ул. Маршала Жукова, д. 12, корп. 2, кв. 45');
    expect(
      formatAddress({
        street: 'Авиамоторная',
        streetKind: 'улица',
        house: '7',
        building: 'с1',
        flat: '',
      }),
    ).toBe('ул. Авиамоторная, д. 7, стр. 1');
    expect(
      formatAddress({
        street: 'Лесная',
        streetKind: 'улица',
        house: '3',
        building: 'к2с1',
        flat: '45А',
      }),
    ).toBe('ул. Лесная, д. 3, корп. 2, стр. 1, кв. 45А');
    expect(
      formatAddress({
        street: 'Коломенская',
        streetKind: 'набережная',
        house: '12А',
        building: '',
        flat: '',
      }),
    ).toBe('наб. Коломенская, д. 12А');
  });

  it('orders house and flat numbers like a door list', () => {
    expect(['10', '2', '12к1', '12', '1', '12а', '100'].sort(compareNumbers)).toEqual([
      '1',
      '2',
      '10',
      '12',
      '12а',
      '12к1',
      '100',
    ]);
  });
});

describe('the stored name key', () => {
  it('is the given name and patronymic folded together, however each part is spelt', () => {
    const part = fc.string({
      unit: fc.constantFrom('А', 'ё', 'Ё', 'й', 'и\u0306', '-', ' ', '\t', 'b', '—'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(part, part, (g, p) => {
        expect(nameKey(g, p)).toBe(foldName(`${g} ${p}`));
        expect(joinNameKey(foldName(g), foldName(p))).toBe(nameKey(g, p));
      }),
    );
    expect(nameKey('Алёна', 'Петровна-Ли')).toBe('алена петровна ли');
    expect(nameKey('Анна', '')).toBe('анна');
  });
});
