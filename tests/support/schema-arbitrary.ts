// Inputs for a channel, drawn from the channel's own schema (issue 12): the zod schema as JSON
// Schema (zod's own z.toJSONSchema), and fast-check arbitraries built from that. Two kinds:
//  - well-formed: what the schema describes (types, lengths, patterns, enums, bounds), with
//    real ids of the test core mixed in by field name, so calls get past "not found";
//  - hostile: the same shapes with any value swapped, now and then, for what a scanner that
//    types garbage, a paste from Word or a crafted message would bring: control characters,
//    lone surrogates, bidirectional overrides, decomposed letters, huge or odd numbers,
//    impossible dates, long strings and arrays, wrong types, extra keys.
import fc from 'fast-check';
import { z } from 'zod';

type Json = Record<string, unknown>;
export type Pools = Record<string, readonly unknown[]>;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\u2066x\u2069',
  'e\u0301',
  '\u00a0\u200b\ufeff',
  'line\nbreak',
  'cr\r\nlf',
  '\u2028',
  '𝓩🙂👍🏽',
  "'; DROP TABLE account; --",
  '%s%s%n',
  '../../etc/passwd',
  '2020-13-01',
  '2020-02-30',
  '2021-02-29',
  '0000-00-00',
  '9999-12-31',
  '31.02.2020',
  'ST00012|PersAcc=\u0000',
  'PNRUS<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<',
];

const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e308,
];

/** A hostile value of any kind (a wrong type as often as a bad value). */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', minLength: 200, maxLength: 600 }),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false, [], {}, [[[[[]]]]]),
    fc.array(fc.string({ maxLength: 3 }), { minLength: 0, maxLength: 600 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 5 }),
  );
}

function stringFor(s: Json): fc.Arbitrary<string> {
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? s.maxLength : 40;
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uri') return fc.webUrl();
  return fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 80) });
}

function numberFor(s: Json): fc.Arbitrary<number> {
  const min =
    typeof s.minimum === 'number'
      ? s.minimum
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + 1
        : -1000;
  const max =
    typeof s.maximum === 'number'
      ? s.maximum
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - 1
        : 1000;
  return s.type === 'integer'
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true });
}

function fromJsonSchema(
  s: Json,
  key: string | null,
  pools: Pools,
  hostile: boolean,
): fc.Arbitrary<unknown> {
  const pool = key !== null ? pools[key] : undefined;
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(s.anyOf))
      return fc.oneof(...(s.anyOf as Json[]).map((x) => fromJsonSchema(x, key, pools, hostile)));
    if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
    if ('const' in s) return fc.constant(s.const);
    switch (s.type) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Json>;
        const required = new Set((s.required as string[] | undefined) ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props))
          record[k] = fromJsonSchema(v, k, pools, hostile);
        const obj = fc.record(record, {
          requiredKeys: [...required].filter((k) => k in record),
        });
        if (!hostile) return obj;
        // Now and then an extra key the schema does not know.
        return fc
          .tuple(obj, fc.option(fc.string({ minLength: 1, maxLength: 6 }), { freq: 8 }))
          .map(([o, extra]) => (extra ? { ...(o as object), [extra]: 'extra' } : o));
      }
      case 'array': {
        const items = (s.items ?? {}) as Json;
        const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
        const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 10, 20);
        return fc.array(fromJsonSchema(items, key, pools, hostile), { minLength, maxLength });
      }
      case 'string':
        return stringFor(s);
      case 'integer':
      case 'number':
        return numberFor(s);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.anything({ maxDepth: 2 });
    }
  })();
  // Real ids and values stand in for a leaf (an array's items get them, not the array).
  const leaf = s.type === 'string' || s.type === 'integer' || s.type === 'number';
  const real = leaf && pool && pool.length > 0 ? fc.constantFrom(...pool) : null;
  const candidates: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: shaped, weight: 4 }];
  if (real) candidates.push({ arbitrary: real, weight: 6 });
  if (hostile) candidates.push({ arbitrary: hostileValue(), weight: 2 });
  return candidates.length === 1 ? shaped : fc.oneof(...candidates);
}

/** Arbitrary inputs for `schema` (a channel's input), well-formed or hostile. */
export function inputsFor(
  schema: z.ZodType,
  opts: { pools?: Pools; hostile?: boolean } = {},
): fc.Arbitrary<unknown> {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return fromJsonSchema(js, null, opts.pools ?? {}, opts.hostile ?? false);
}
