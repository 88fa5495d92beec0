// The machine-wide policy as IT writes it (docs/deploy.md): read from the file on Linux, from
// the registry and the file on Windows (the registry wins), validated whole. A policy that is
// not valid names the key and the reason and is never applied in part.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LINUX_POLICY_FILE,
  parseRegistry,
  PolicyError,
  readMachinePolicy,
  WINDOWS_POLICY_KEY,
} from '../../../electron/core/policy/read';
import { policyJsonSchema } from '../../../electron/core/policy/schema';
import { managedSettings } from '../../../shared/schemas/policy';

const ROOT = resolve(import.meta.dirname, '../../..');
const linux = (files: Record<string, string>) =>
  readMachinePolicy({ platform: 'linux', env: {}, readFile: (p) => files[p] ?? null });
const problems = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof PolicyError) return e.problems;
    throw e;
  }
  throw new Error('no PolicyError');
};

const GOOD = {
  central: {
    url: 'postgres://ws_msk_001_a1@central.example:5432/access_desk?sslmode=verify-full',
    password: 's3cret',
  },
  office: 'MSK-001',
  districts: ['0302', '0801'],
  portalUrl: 'https://lk.example.ru',
  printer: 'Kyocera-1',
  language: 'ru',
  updates: false,
};

describe('the policy on Linux', () => {
  it('is absent unless IT wrote /etc/access-desk/policy.json', () => {
    expect(linux({})).toBeNull();
  });

  it('is read whole, and names what it takes over in the settings', () => {
    const p = linux({ [LINUX_POLICY_FILE]: JSON.stringify(GOOD) });
    expect(p).toEqual(GOOD);
    expect(managedSettings(p)).toEqual([
      'central',
      'office.code',
      'central.districts',
      'portalUrl',
      'printer',
      'language',
    ]);
  });

  it('names the key and the reason when it is not valid', () => {
    const bad = (doc: unknown) =>
      problems(() => linux({ [LINUX_POLICY_FILE]: JSON.stringify(doc) }));
    expect(bad({ ...GOOD, centrl: {} })).toEqual([
      { key: '(policy)', reason: expect.stringMatching(/centrl/) },
    ]);
    expect(
      bad({ central: { url: 'postgres://ws:pw@central.example/access_desk', password: 'x' } }),
    ).toEqual([{ key: 'central.url', reason: expect.stringMatching(/password/) }]);
    expect(bad({ central: { url: GOOD.central.url, certFile: '/etc/ad/ws.pem' } })).toEqual([
      { key: 'central.keyFile', reason: 'certFile and keyFile go together' },
    ]);
    expect(bad({ language: 'de', portalUrl: 'lk' })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'language' }),
        expect.objectContaining({ key: 'portalUrl' }),
      ]),
    );
    expect(problems(() => linux({ [LINUX_POLICY_FILE]: '{"office": "MSK-001",' }))).toEqual([
      { key: '(file)', reason: expect.stringMatching(/^not JSON/) },
    ]);
    expect(problems(() => linux({ [LINUX_POLICY_FILE]: '[]' }))).toEqual([
      { key: '(file)', reason: 'must be a JSON object' },
    ]);
  });

  it('says which file in its message, for the start-up dialog', () => {
    expect(() => linux({ [LINUX_POLICY_FILE]: '{"printer": ""}' })).toThrow(
      /\/etc\/access-desk\/policy\.json.*printer:/,
    );
  });
});

describe('the policy on Windows', () => {
  const REG = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\AccessDesk',
    '    central.url    REG_SZ    postgres://ws_msk_001_a1@central.example/access_desk?sslmode=verify-full',
    '    central.password    REG_SZ    s3cret',
    '    districts    REG_SZ    0302, 0801',
    '    printer    REG_SZ    Kyocera ЭКОСИС M2040dn',
    '    updates    REG_DWORD    0x0',
    '',
  ].join('\r\n');

  it('reads the registry values by their key paths', () => {
    expect(parseRegistry(REG)).toEqual({
      central: {
        url: 'postgres://ws_msk_001_a1@central.example/access_desk?sslmode=verify-full',
        password: 's3cret',
      },
      districts: ['0302', '0801'],
      printer: 'Kyocera ЭКОСИС M2040dn',
      updates: false,
    });
  });

  it('takes the registry (Group Policy) over %ProgramData%\\AccessDesk\\policy.json, key by key', () => {
    const file = join('D:\\Data', 'AccessDesk', 'policy.json');
    const asked: string[] = [];
    const p = readMachinePolicy({
      platform: 'win32',
      env: { ProgramData: 'D:\\Data' },
      readFile: (path) =>
        path === file
          ? JSON.stringify({ printer: 'HP', portalUrl: 'https://lk.example.ru' })
          : null,
      queryRegistry: (key) => {
        asked.push(key);
        return REG;
      },
    });
    expect(asked).toEqual([WINDOWS_POLICY_KEY]);
    expect(p).toMatchObject({
      printer: 'Kyocera ЭКОСИС M2040dn',
      portalUrl: 'https://lk.example.ru',
      updates: false,
    });
  });

  it('is refused whole when one registry value is wrong', () => {
    expect(
      problems(() =>
        readMachinePolicy({
          platform: 'win32',
          env: {},
          readFile: () => null,
          queryRegistry: () => `${REG}    language    REG_SZ    de\r\n`,
        }),
      ),
    ).toEqual([expect.objectContaining({ key: 'language' })]);
  });
});

it('docs/policy.schema.json is the schema the app validates with (npm run policy:schema)', () => {
  const shipped: unknown = JSON.parse(readFileSync(join(ROOT, 'docs/policy.schema.json'), 'utf8'));
  expect(shipped).toEqual(policyJsonSchema());
});
