/** The network requests a page makes while it loads, recorded for the snapshot (bounded). */
import type { Page, Request } from 'playwright';
import type { NetworkRequest } from '../../src/types.js';

const MAX_RECORDED_REQUESTS = 500;

export class RequestLog {
  readonly requests: NetworkRequest[] = [];
  /** Requests the URL policy refused, with its reason (recorded instead of Chromium's bare error). */
  readonly refused = new WeakMap<Request, string>();

  constructor(private readonly blockedTypes: ReadonlySet<string>) {}

  /** A request that never reached the page (a WebSocket refused by policy). */
  note(entry: NetworkRequest): void {
    if (this.requests.length < MAX_RECORDED_REQUESTS) this.requests.push(entry);
  }

  attach(page: Page): void {
    const byRequest = new Map<unknown, NetworkRequest>();
    page.on('request', (r) => {
      if (this.requests.length >= MAX_RECORDED_REQUESTS) return;
      const entry: NetworkRequest = { url: r.url().slice(0, 2000), resourceType: r.resourceType() };
      byRequest.set(r, entry);
      this.requests.push(entry);
    });
    page.on('requestfinished', (r) => {
      const entry = byRequest.get(r);
      if (entry)
        void r
          .response()
          .then((res) => {
            if (res) entry.status = res.status();
          })
          .catch(() => undefined);
    });
    page.on('requestfailed', (r) => {
      const entry = byRequest.get(r);
      if (entry)
        entry.failed =
          this.refused.get(r) ??
          (this.blockedTypes.has(r.resourceType())
            ? 'blocked by govscan (font/media)'
            : (r.failure()?.errorText ?? 'failed'));
    });
  }
}
