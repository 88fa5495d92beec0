// Window security decisions as pure functions, so the Electron main process and the browser
// test harness apply the very same rules. This file must not import 'electron'.

/** Where the app's own pages come from: `app://access-desk/` in Electron. */
export interface AppOrigin {
  protocol: string; // 'app:' or, in the harness, 'http:'
  host: string; // 'access-desk' or '127.0.0.1:PORT'
}

export const APP_ORIGIN: AppOrigin = { protocol: 'app:', host: 'access-desk' };
export const APP_INDEX = 'app://access-desk/index.html';

export function isAppUrl(url: string, origin: AppOrigin): boolean {
  try {
    const u = new URL(url);
    // Custom schemes have an opaque `origin` in WHATWG URL, so compare the parts.
    return (
      u.protocol === origin.protocol &&
      u.host === origin.host &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * GHSA-mq8j-3h7h-p8g7: a handler must check which frame sent the message. Only the top
 * frame of the app's own window, showing the app's own origin, may call the back office.
 */
export function isTrustedSender(
  frame: { url: string; isTopFrame: boolean; isAppWindow: boolean } | null,
  origin: AppOrigin,
): boolean {
  return frame !== null && frame.isAppWindow && frame.isTopFrame && isAppUrl(frame.url, origin);
}

/** The app is a single page: any navigation of the window away from it is refused. */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin);
}

/**
 * The Content-Security-Policy, sent as a header by the app:// handler and repeated in
 * index.html (where browsers ignore frame-ancestors and sandbox). Styles need 'unsafe-inline'
 * because MUI (emotion) injects style elements; scripts do not, and nothing may be evaluated
 * or loaded from elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  // Header-only: a sandbox without allow-popups makes window.open return null and blocks
  // target=_blank whatever the page's code tries (defence in depth behind Electron's
  // setWindowOpenHandler). allow-same-origin keeps the app's origin for its own requests.
  'sandbox allow-scripts allow-same-origin allow-forms',
].join('; ');
