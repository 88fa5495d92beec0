// The fit search trusts measurements; if drawing ever took more room than measuring said,
// text would run past the bottom of the page. These compare the two directly.
import { describe, expect, it } from 'vitest';
import { inlineFields, para, fields, type Box } from '../../../electron/core/documents/layout';
import { openPdf } from '../../../electron/core/documents/pdf';

const ADDRESS =
  'г. Москва, поселение Внуковское, квартал № 15А, улица Лётчика-испытателя Ивана Ивановича Ёлкина-Щедрина, дом 123, корпус 4, строение 2А, подъезд 3, этаж 17, квартира 1234Б (вход со стороны двора, к.1)';

function docAndBox() {
  const { doc, finish } = openPdf(
    'A4',
    { top: 40, bottom: 40, left: 40, right: 40 },
    {
      title: 't',
      language: 'ru',
      createdAt: new Date('2026-01-01T00:00:00Z'),
    },
  );
  const box: Box = { x: 40, width: 300 };
  return { doc, box, finish };
}

describe('layout measuring', () => {
  it.each([1, 0.85, 0.79])(
    'measures a wrapped paragraph exactly as it draws (scale %s)',
    async (s) => {
      const { doc, box, finish } = docAndBox();
      const b = para(ADDRESS, { face: 'regular', size: 9.5, align: 'justify' });
      const h = b.measure(doc, box, s);
      b.draw(doc, box, s, 100);
      expect(doc.y - 100).toBeCloseTo(h, 3);
      await finish();
    },
  );

  it('measures label-and-value lines exactly as it draws them', async () => {
    const { doc, box, finish } = docAndBox();
    const b = inlineFields(
      [
        { label: 'Адрес', value: ADDRESS },
        { label: 'Фамилия, имя, отчество', value: 'Ёлкина-Щедрина Анна-Мария Константиновна' },
      ],
      { face: 'regular', size: 9.5 },
      { rowGap: 0 },
    );
    const h = b.measure(doc, box, 1);
    b.draw(doc, box, 1, 100);
    expect(doc.y - 100).toBeCloseTo(h, 3);
    await finish();
  });

  it('makes a two-column row as tall as its taller column', async () => {
    const { doc, box, finish } = docAndBox();
    const short = fields(
      [{ label: 'Адрес', value: 'Москва' }],
      { face: 'regular', size: 9 },
      { face: 'regular', size: 9 },
      { labelShare: 0.3, rowGap: 0 },
    );
    const long = fields(
      [{ label: 'Адрес', value: ADDRESS }],
      { face: 'regular', size: 9 },
      { face: 'regular', size: 9 },
      { labelShare: 0.3, rowGap: 0 },
    );
    expect(long.measure(doc, box, 1)).toBeGreaterThan(3 * short.measure(doc, box, 1));
    await finish();
  });
});
