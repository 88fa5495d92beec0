import { describe, expect, it } from 'vitest';
import { portalLoginLink } from '../../../electron/core/documents';
import { displayPortalAddress, qrMatrix } from '../../../electron/core/documents/qr';

describe('portal login link', () => {
  it('opens the login page with the login filled in', () => {
    expect(portalLoginLink('https://lk.example.ru', '7712345678')).toBe(
      'https://lk.example.ru/login?login=7712345678',
    );
    expect(portalLoginLink('https://lk.example.ru/', '7712345678')).toBe(
      'https://lk.example.ru/login?login=7712345678',
    );
  });

  it('takes an address with a path to be the login page itself, keeping its query', () => {
    expect(portalLoginLink('https://example.ru/auth?lang=ru', '7712345678')).toBe(
      'https://example.ru/auth?lang=ru&login=7712345678',
    );
  });

  it('refuses anything but http(s)', () => {
    expect(() => portalLoginLink('javascript:alert(1)', '1')).toThrow(RangeError);
    expect(() => portalLoginLink('not a url', '1')).toThrow();
  });

  it('prints the address as a resident types it', () => {
    expect(displayPortalAddress('https://lk.example.ru')).toBe('lk.example.ru');
    expect(displayPortalAddress('https://example.ru/lk/')).toBe('example.ru/lk/');
    expect(displayPortalAddress('http://lk.example.ru')).toBe('http://lk.example.ru');
  });

  it('makes a code small enough to scan from paper', () => {
    const m = qrMatrix(portalLoginLink('https://lk.example.ru', '7712345678'));
    expect(m.size).toBeLessThanOrEqual(33); // version 4 or smaller
  });
});
