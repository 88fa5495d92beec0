import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAppUrl,
  isTrustedSender,
} from '../../../electron/main/policy';

describe('window security policy', () => {
  it('knows the app origin and nothing else', () => {
    expect(isAppUrl('app://access-desk/index.html', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://access-desk.evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('app://user:pw@access-desk/', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('https://access-desk/', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('not a url', APP_ORIGIN)).toBe(false);
  });

  it('trusts only the top frame of the app window showing the app', () => {
    const top = { url: 'app://access-desk/index.html', isTopFrame: true, isAppWindow: true };
    expect(isTrustedSender(top, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ ...top, isTopFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...top, isAppWindow: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...top, url: 'https://example.org/' }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
  });

  it('allows navigation only within the app', () => {
    expect(isAllowedNavigation('app://access-desk/index.html#x', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('https://example.org/', APP_ORIGIN)).toBe(false);
  });

  it('has a CSP without unsafe-eval or remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
  });

  it('index.html repeats the CSP (without the header-only directives)', () => {
    const html = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'renderer', 'index.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = /^(frame-ancestors|sandbox)\b/;
    const expected = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !headerOnly.test(d));
    expect(meta?.split('; ')).toEqual(expected);
  });
});
