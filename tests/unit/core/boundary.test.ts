// Clean text at the boundary (issue 12): every string of every channel's input is
// well-formed Unicode, NFC, without control characters (a multi-line field keeps \n), and
// what pasting brings harmlessly is repaired, the same way everywhere because it is done in
// one place, the shared schemas. Every date is a real calendar day. And one call's size is
// bounded before any schema sees it.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import { IsoDate } from '../../../shared/schemas/common';
import { multilineText, repairText, secret, text } from '../../../shared/schemas/text';
import { boundsIssue, INPUT_BOUNDS } from '../../../electron/core/api/bounds';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string schema inside `schema`, with its path. */
function stringLeaves(schema: z.ZodType, path = '$'): { path: string; schema: z.ZodType }[] {
  const def = defOf(schema);
  const inner = (k: string) => def[k] as z.ZodType;
  switch (def.type) {
    case 'string':
      return [{ path, schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        stringLeaves(v, `${path}.${k}`),
      );
    case 'array':
      return stringLeaves(inner('element'), `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return stringLeaves(inner('innerType'), path);
    case 'pipe':
      return stringLeaves(inner('in'), path);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o, i) => stringLeaves(o, `${path}|${i}`));
    default:
      return [];
  }
}

const leaves = Object.entries(contract).flatMap(([name, spec]) =>
  stringLeaves(spec.input as z.ZodType, name),
);

describe('clean text', () => {
  it('repairs what pasting brings and nobody means', () => {
    expect(repairText('Иванова\u00a0Елена')).toBe('Иванова Елена');
    expect(repairText('Ива\u200bнова\ufeff\u00ad')).toBe('Иванова');
    expect(repairText('Елкина', false)).toBe('Елкина');
    expect(repairText('Ёлкина'.normalize('NFD'))).toBe('Ёлкина');
    expect(repairText('a\r\nb\rc', true)).toBe('a\nb\nc');
  });

  it('refuses malformed Unicode and control characters, and names why', () => {
    for (const [bad, why] of [
      ['a\ud800b', 'malformed'],
      ['\udc00', 'malformed'],
      ['a\u0000b', 'control'],
      ['tab\there', 'control'],
      ['line\nbreak', 'control'],
      ['\u202eevil', 'control'],
      ['\u2066x', 'control'],
      ['\u0085', 'control'],
    ] as const) {
      const r = text().safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ code: 'custom', params: { text: why } });
    }
    expect(multilineText().parse('one\r\ntwo')).toBe('one\ntwo');
    expect(multilineText().safeParse('one\u0000').success).toBe(false);
  });

  it('leaves a password’s spaces alone but normalises it the same way every time', () => {
    expect(secret().parse(' pass\u00a0word ')).toBe(' pass\u00a0word ');
    expect(secret().parse('Ёж-pass'.normalize('NFD'))).toBe('Ёж-pass');
    expect(secret().safeParse('pass\u0000').success).toBe(false);
  });

  it('is what every string of every channel’s input goes through', () => {
    expect(leaves.length).toBeGreaterThan(60);
    for (const { path, schema } of leaves) {
      expect(schema.safeParse('a\u0000b').success, path).toBe(false);
      expect(schema.safeParse('a\ud800b').success, path).toBe(false);
      expect(schema.safeParse('a\u202eb').success, path).toBe(false);
      // Where a field takes free text, it comes out repaired and in NFC (a secret only NFC).
      const free = schema.safeParse('Ёлкина\u00a0Анна'.normalize('NFD'));
      const isSecret = /\.(password|current|next)$/.test(path);
      if (free.success) expect(free.data, path).toBe(isSecret ? 'Ёлкина\u00a0Анна' : 'Ёлкина Анна');
    }
  });
});

describe('dates', () => {
  it.each(['2020-13-01', '2020-00-10', '2020-02-30', '2021-02-29', '2020-04-31', '0000-01-01'])(
    'refuses %s, which is no day at all, naming why',
    (d) => {
      const r = IsoDate.safeParse(d);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ params: { date: 'no-such-day' } });
    },
  );

  it('takes real days, leap days included', () => {
    for (const d of ['2020-02-29', '2000-02-29', '1999-12-31', '2026-12-02'])
      expect(IsoDate.parse(d)).toBe(d);
  });
});

describe('the bounds of one call', () => {
  const nest = (depth: number): unknown => (depth === 0 ? 'x' : { a: nest(depth - 1) });

  it('takes plain data within the bounds', () => {
    expect(
      boundsIssue({ query: 'Иванов', limit: 50, ok: true, none: null, list: [1, 2] }),
    ).toBeNull();
    expect(boundsIssue(nest(INPUT_BOUNDS.depth - 1))).toBeNull();
  });

  it('refuses nesting, size and length beyond them, at the path where they break', () => {
    expect(boundsIssue(nest(INPUT_BOUNDS.depth + 1))).toMatchObject({
      code: 'too_big',
      message: 'nested too deep',
    });
    expect(boundsIssue({ q: 'x'.repeat(INPUT_BOUNDS.stringLength + 1) })).toMatchObject({
      path: ['q'],
      message: 'string too long',
    });
    const many = Array.from({ length: INPUT_BOUNDS.nodes }, (_, i) => i);
    expect(boundsIssue({ ids: many })).toMatchObject({ message: 'too many values in one call' });
    const wide = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`k${i}`, 'y'.repeat(INPUT_BOUNDS.stringLength)]),
    );
    expect(boundsIssue(wide)).toMatchObject({ message: 'too much text in one call' });
  });

  it('refuses what is not data', () => {
    const odd: [string, unknown][] = [
      ['Date', new Date()],
      ['Map', new Map()],
      ['Uint8Array', new Uint8Array(3)],
      ['BigInt', 10n],
      ['function', () => 1],
      ['NaN', Number.NaN],
      ['Infinity', Infinity],
    ];
    for (const [what, v] of odd) expect(boundsIssue({ v }), what).toMatchObject({ path: ['v'] });
    class Thing {}
    expect(boundsIssue(new Thing())).toMatchObject({ message: 'not a plain object' });
  });
});
