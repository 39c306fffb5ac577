/**
 * WebSockets through the URL policy. `context.route()` never sees them (Chromium opens them
 * outside request interception), so a page could still open `ws://10.0.0.6/` or the metadata
 * service. Playwright's WebSocket routing lets us decide first: a refused socket is closed before
 * it connects and reported; an allowed one is connected to its server as usual.
 */
import type { BrowserContext } from 'playwright';

/** Throws (with the reason) when the http(s) URL must not be requested. */
export type UrlCheck = (url: string) => Promise<void>;

export async function routeWebSocketsThroughPolicy(
  context: BrowserContext,
  check: UrlCheck,
  onRefused?: (url: string, why: string) => void,
): Promise<void> {
  await context.routeWebSocket(
    () => true,
    async (ws) => {
      const url = ws.url();
      try {
        // The policy judges hosts: ws(s) goes to the same host and port as http(s).
        await check(url.replace(/^ws(s?):/i, 'http$1:'));
      } catch (e) {
        const why = (e as Error).message;
        onRefused?.(url, why);
        await ws.close({ code: 1008, reason: 'refused by govscan' }).catch(() => undefined);
        return;
      }
      ws.connectToServer();
    },
  );
}
