import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { absent, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';
import { ENTRY_VALUE_FIELDS, entryValue, platformEntry, platformLevel } from '../support/platform.js';

export default defineIndicator({
  id: 'online_service_portal',
  dimension: 'supply',
  order: 1,
  name: { zh: '政务服务入口', en: 'Online government service portal entry' },
  measures:
    'Whether the homepage links to a 政务服务 / 网上办事 / 一网通办 platform (by label, alt text, host or path), whose platform it is (national, provincial, local) and whether the crawler could open it.',
  standard: '国办秘函〔2019〕19号 单项否决「服务不实用」: no 办事服务 entry fails; UESTC 服务供给能力 — 服务贯通.',
  presentMeans:
    'The homepage (raw or rendered) has an entry to an online service platform. Reachability is reported in the value and does not change the status.',
  valueFields: {
    ...ENTRY_VALUE_FIELDS,
    level: 'national | provincial | local | unknown',
    reachable: 'the linked platform page was fetched (absent when it was not tried)',
  },
  needs: ['home', 'rendered', 'platforms'],
  detect(site, { views }) {
    const e = platformEntry(site, views, CONCEPTS.service_platform, [
      'service_platform',
      'service_list',
      'service_item',
    ]);
    if (!e) {
      return absent(
        undefined,
        0.8,
        'No link labelled 政务服务 / 网上办事 / 一网通办 (or to a zwfw host) on the homepage.',
        absenceEvidence(views, 'CONCEPTS.service_platform (text, host, path)'),
      );
    }
    const { link } = e;
    const value = {
      ...entryValue(link),
      level: platformLevel(link.host, site, link.url),
      reachable: e.reachable,
    };
    return present(value, e.confidence, `${e.how}; ${value.level} platform, ${e.reach}.`, e.evidence, e.view.rendered);
  },
});
