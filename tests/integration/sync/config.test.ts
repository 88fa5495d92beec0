// Connection settings: the env URL wins over the settings, TLS modes map to what
// node-postgres needs, and a description for logs never carries the password.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  centralUrl,
  describeCentral,
  districtsFromEnv,
  parseCentralUrl,
  resolveCentralConfig,
  tlsOptions,
} from '../../../electron/core/sync/config';

const settings = {
  host: 'central.example',
  port: 6432,
  database: 'access_desk',
  user: 'access_desk_workstation',
  sslMode: 'verify-full' as const,
  caFile: '',
};

describe('central connection settings', () => {
  it('is disabled without a host or a URL', () => {
    expect(resolveCentralConfig({ ...settings, host: '' }, null, {})).toBeNull();
    expect(resolveCentralConfig(null, null, {})).toBeNull();
  });

  it('takes the settings and the password kept by the main process', () => {
    expect(resolveCentralConfig(settings, 's3cret', {})).toEqual({
      host: 'central.example',
      port: 6432,
      database: 'access_desk',
      user: 'access_desk_workstation',
      password: 's3cret',
      ssl: { mode: 'verify-full' },
    });
  });

  it('lets ACCESS_DESK_CENTRAL_URL override the settings, TLS options included', () => {
    const cfg = resolveCentralConfig(settings, 'ignored', {
      ACCESS_DESK_CENTRAL_URL:
        'postgresql://ws%401:p%3Ass@127.0.0.1:55432/access_desk?sslmode=verify-ca&sslrootcert=/etc/ca.pem',
    });
    expect(cfg).toEqual({
      host: '127.0.0.1',
      port: 55432,
      database: 'access_desk',
      user: 'ws@1',
      password: 'p:ss',
      ssl: { mode: 'verify-full', caFile: '/etc/ca.pem' },
    });
    expect(parseCentralUrl(centralUrl(cfg!))).toEqual(cfg);
    expect(describeCentral(cfg!)).not.toContain('p:ss');
    expect(parseCentralUrl('postgres://a:b@h/db?sslmode=prefer').ssl.mode).toBe('require');
    expect(parseCentralUrl('postgres://a:b@h/db').ssl.mode).toBe('verify-full');
    expect(() => parseCentralUrl('mysql://a:b@h/db')).toThrow();
  });

  it('maps TLS modes for node-postgres', () => {
    expect(tlsOptions({ mode: 'disable' })).toBe(false);
    expect(tlsOptions({ mode: 'require' })).toEqual({ rejectUnauthorized: false });
    expect(tlsOptions({ mode: 'verify-full' })).toEqual({ rejectUnauthorized: true });
    const dir = mkdtempSync(join(tmpdir(), 'ad-ca-'));
    try {
      writeFileSync(
        join(dir, 'ca.pem'),
        '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
      );
      expect(tlsOptions({ mode: 'verify-full', caFile: join(dir, 'ca.pem') })).toMatchObject({
        rejectUnauthorized: true,
        ca: expect.stringContaining('BEGIN CERTIFICATE'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the districts from ACCESS_DESK_DISTRICTS', () => {
    expect(districtsFromEnv({ ACCESS_DESK_DISTRICTS: ' 0501, 0909,0501,' })).toEqual([
      '0501',
      '0909',
    ]);
    expect(districtsFromEnv({})).toBeNull();
  });
});
