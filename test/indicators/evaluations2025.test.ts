/**
 * The 2025–2026 evaluation indicators (issue 17) on small pages written after real portals'
 * markup: image-only 找错 badges on the zfwzzc service, QR codes labelled by title or caption,
 * account links by name, named-model widgets — and the look-alikes beside them.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../indicators/analyze.js';

const dir = new URL('../pages/realworld/', import.meta.url);
const at = (name: string) => {
  const a = analyzeFile(new URL(name, dir).pathname, undefined, { asOf: new Date('2025-12-01T00:00:00Z') });
  return Object.fromEntries(a.indicators.map((r) => [r.id, r]));
};

describe('2025–2026 evaluation entries', () => {
  const r = at('y25-entries.html');
  it('reads an image-only zfwzzc 找错 link and flags a site code that differs from the footer code', () => {
    expect(r.error_report_entry).toMatchObject({
      status: 'present',
      value: { via: 'link', code: '1234000009', siteIdCode: '1234000001', codeMatch: false },
    });
  });
  it('finds the 政策解读 column link (age unknown without the column page)', () => {
    expect(r.policy_interpretation).toMatchObject({ status: 'present', value: { foundOn: 'home' } });
    expect(r.policy_interpretation!.value).not.toHaveProperty('newestDate');
  });
  it('lists QR codes by title, account links by host and icon links by title, not placeholders or share buttons', () => {
    expect(r.new_media_accounts).toMatchObject({
      status: 'present',
      value: { platforms: ['douyin', 'mini_program', 'wechat', 'weibo'] },
    });
    const accounts = (r.new_media_accounts!.value as { accounts: { platform: string; name?: string }[] }).accounts;
    expect(accounts).toContainEqual(expect.objectContaining({ platform: 'weibo', name: '示例发布' }));
  });
  it('reads the 一件事 entry and the count the page states', () => {
    expect(r.one_thing_service).toMatchObject({ status: 'present', value: { count: 26 } });
  });
  it('calls a widget from a large-model vendor an llm assistant', () => {
    expect(r.smart_qa).toMatchObject({ status: 'present', value: { via: 'widget_script', kind: 'llm' } });
  });
});

describe('2025–2026 look-alikes', () => {
  const r = at('y25-decoys.html');
  it('does not take headlines, running text, share buttons or the site’s own 网站纠错 page for entries', () => {
    expect(r.error_report_entry!.status).toBe('absent');
    expect(r.policy_interpretation!.status).toBe('absent');
    expect(r.new_media_accounts!.status).toBe('absent');
    expect(r.one_thing_service!.status).toBe('absent');
  });
  it('calls a staffed 在线客服 human', () => {
    expect(r.smart_qa).toMatchObject({ status: 'present', value: { kind: 'human' } });
  });
});
