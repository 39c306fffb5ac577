import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { absent, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';
import { ENTRY_VALUE_FIELDS, entryValue, platformEntry, platformLevel } from '../support/platform.js';

export default defineIndicator({
  id: 'open_data_platform',
  dimension: 'data',
  order: 1,
  name: { zh: '数据开放平台', en: 'Open data platform' },
  measures:
    'Whether the homepage links to a 公共数据开放 / 政府数据开放 platform (label, alt, host like data./opendata., path), and whether that platform could be fetched. Statistics columns (统计数据, 数据发布) and meta keywords do not count.',
  standard: 'Fudan 中国开放数林指数 平台层; UESTC 数据驱动能力 (2024: 42.14% of local governments had no platform).',
  presentMeans:
    'The homepage has an entry to an open-data platform. `reachable` says whether the platform page was fetched; an entry to an unreachable platform is still present.',
  valueFields: {
    ...ENTRY_VALUE_FIELDS,
    level: 'provincial | local | unknown',
    reachable: 'the platform page was fetched ok (false when it failed or was not tried; see reachabilityChecked)',
    reachabilityChecked: 'the crawler tried to fetch the platform',
  },
  needs: ['home', 'rendered', 'platforms'],
  detect(site, { views }) {
    const e = platformEntry(site, views, CONCEPTS.data_platform, ['data_platform', 'data_list', 'data_api']);
    if (!e) {
      return absent(
        undefined,
        0.8,
        'No link labelled 数据开放 / 开放数据 (or to a data./opendata. host) on the homepage; statistics columns and meta keywords are not counted.',
        absenceEvidence(views, 'CONCEPTS.data_platform (text, host, path)'),
      );
    }
    const { link, reachable } = e;
    const level = platformLevel(link.host, site, link.url);
    const value = {
      ...entryValue(link),
      level: level === 'national' ? 'unknown' : level,
      reachable: reachable === true,
      reachabilityChecked: reachable !== undefined,
    };
    return present(value, e.confidence, `${e.how}; platform ${e.reach}.`, e.evidence, e.view.rendered);
  },
});
