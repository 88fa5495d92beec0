import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/core/log/redact';
import { createLogger, memorySink } from '../../../electron/core/log/logger';

describe('log redaction', () => {
  it('replaces secrets by key and masks passport numbers', () => {
    const out = redact({
      password: 'k7m4q-x9t2w',
      passwordHash: '$argon2id$v=19$...',
      nested: { passport: { series: '4509', number: '123456' }, series: '45 09', number: '123456' },
      list: [{ token: 'abc' }],
      payerCode: '7700001111',
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain('k7m4q');
    expect(text).not.toContain('argon2id');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('abc');
    expect(text).toContain('45** ****56');
    // A payer code is not a secret and must stay searchable in logs.
    expect(text).toContain('7700001111');
  });

  it('applies to every record a logger writes', () => {
    const sink = memorySink();
    createLogger('t', [sink]).info('issued', { password: 'secret-value', clerk: 'ivanova' });
    expect(JSON.stringify(sink.records)).not.toContain('secret-value');
    expect(sink.records[0]?.data).toMatchObject({ clerk: 'ivanova' });
  });
});
