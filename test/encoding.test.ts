import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../src/util/encoding.js';

const page = (charsetMeta: string) =>
  `<!DOCTYPE html><html><head>${charsetMeta}<title>成都市人民政府门户网站</title></head><body><a href="/wza">无障碍浏览</a> 政府网站标识码：5101000001 长者模式 数据开放</body></html>`;

describe('decodeBody', () => {
  it('decodes GBK declared only in <meta> (no header charset)', () => {
    const buf = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    const d = decodeBody(buf, 'text/html');
    expect(d.text).toContain('无障碍浏览');
    expect(d.source).toBe('meta');
  });

  it('decodes a GB18030 page mislabelled as UTF-8 in the header', () => {
    const buf = iconv.encode(page('<meta charset="utf-8">'), 'gb18030');
    const d = decodeBody(buf, 'text/html; charset=utf-8');
    expect(d.text).toContain('政府网站标识码');
    expect(d.charset).toBe('gb18030');
    expect(d.text).not.toContain('\ufffd');
  });

  it('sniffs GBK with no declaration at all', () => {
    const body = `${page('')}<p>${'市人民政府办公室关于印发进一步优化营商环境若干措施的通知'.repeat(20)}</p>`;
    const d = decodeBody(iconv.encode(body, 'gbk'));
    expect(d.text).toContain('优化营商环境');
    expect(d.charset).toBe('gb18030');
  });

  it('honours a UTF-8 BOM and a correct header', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(''), 'utf8')]);
    expect(decodeBody(withBom).source).toBe('bom');
    expect(decodeBody(withBom).text.startsWith('<!DOCTYPE')).toBe(true);
    const d = decodeBody(Buffer.from(page(''), 'utf8'), 'text/html; charset=UTF-8');
    expect(d).toMatchObject({ charset: 'utf-8', source: 'header' });
  });
});
