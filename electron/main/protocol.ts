import { net, protocol } from 'electron';
import { join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from './policy';

const SCHEME = APP_ORIGIN.protocol.replace(':', '');

/** Must run before `app.ready`: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `root`, with the CSP as a header; nothing outside `root`. */
export function serveRenderer(root: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_ORIGIN.host) return new Response('Not found', { status: 404 });
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    const rel = relative(root, path);
    if (rel.startsWith('..') || rel.includes(`..${sep}`))
      return new Response('Not found', { status: 404 });
    const file = rel === '' ? join(root, 'index.html') : path;
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
