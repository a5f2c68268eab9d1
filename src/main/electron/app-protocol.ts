import { protocol } from 'electron';
import { contentSecurityPolicy } from '../transports/csp';
import { readStatic } from '../transports/web/static-files';
import { APP_SCHEME } from './navigation';

/**
 * Must run before `app.whenReady()`: the scheme behaves like https (secure, standard, fetch-able), and
 * keeps V8's code cache as https does (Chromium caches only http(s) code unless a scheme asks). Without
 * it every start compiles the renderer's JavaScript again: in bench:cold's fresh browser contexts the
 * renderer's worker threads, where V8 compiles, used 270–350 ms by the first paint (/proc).
 */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serve the built renderer from `app://desk/`, with the strict CSP as a header. */
export function serveRenderer(rendererDir: string) {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readStatic(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
