/**
 * What went wrong on a page while we acted on it — script errors, scripts or XHRs that failed —
 * so a "not working" verdict can say why (e.g. "assist.js answered 404").
 */
import type { Page } from 'playwright';

export interface FailedRequest {
  type: string;
  url: string;
  /** HTTP status, or the network error. */
  status?: number;
  error?: string;
}

export class PageTrouble {
  private readonly notes: string[] = [];
  /** Scripts, XHRs and documents (frames too) that failed, for checks like "the widget script never loaded". */
  readonly failed: FailedRequest[] = [];

  constructor(page: Page) {
    page.on('pageerror', (e) => this.add(`script error: ${e.message.split('\n')[0]}`));
    page.on('requestfailed', (r) => {
      const error = r.failure()?.errorText ?? 'unknown';
      if (['script', 'xhr', 'fetch', 'document'].includes(r.resourceType()) && error !== 'net::ERR_BLOCKED_BY_CLIENT') {
        this.failed.push({ type: r.resourceType(), url: r.url(), error });
        this.add(`${r.resourceType()} ${shortUrl(r.url())} failed (${error})`);
      }
    });
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (r.status() >= 400 && ['script', 'xhr', 'fetch', 'document'].includes(type)) {
        this.failed.push({ type, url: r.url(), status: r.status() });
        this.add(`${type} ${shortUrl(r.url())} answered ${r.status()}`);
      }
    });
  }

  private add(note: string): void {
    if (this.notes.length < 50 && !this.notes.includes(note)) this.notes.push(note);
  }

  /** The first notes since the page opened (load-time failures explain dead buttons), for a detail sentence; '' when none. */
  describe(max = 3): string {
    const list = this.notes.slice(0, max);
    return list.length
      ? ` Page trouble: ${list.join('; ')}${this.notes.length > max ? ` (+${this.notes.length - max} more)` : ''}.`
      : '';
  }
}

export function shortUrl(u: string): string {
  try {
    const url = new URL(u);
    return (url.host + url.pathname).slice(0, 100);
  } catch {
    return u.slice(0, 100);
  }
}
