/**
 * Same-site child frames of a page: a header or toolbar served in <iframe src="/include/header.html">
 * is part of the homepage a visitor sees (the crawler reads such frames too, role 'frame').
 */
import type { Frame, Page } from 'playwright';
import { registrableDomain } from '../../indicators/page/urls.js';

const siteOf = (url: string): string | undefined => {
  try {
    return registrableDomain(new URL(url).hostname);
  } catch {
    return undefined;
  }
};

export async function sameSiteFrames(page: Page): Promise<Frame[]> {
  const site = siteOf(page.url());
  const out: Frame[] = [];
  for (const f of page.frames()) {
    if (f === page.mainFrame() || f.isDetached() || !site || siteOf(f.url()) !== site) continue;
    const el = await f.frameElement().catch(() => null);
    if (el && (await el.isVisible().catch(() => false))) out.push(f);
  }
  return out;
}

/** The frame an element was found in (by its URL), else the page's main frame. */
export function frameFor(page: Page, frameUrl?: string): Frame {
  return (frameUrl && page.frames().find((f) => f.url() === frameUrl)) || page.mainFrame();
}
