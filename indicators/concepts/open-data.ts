import { defineConcept } from './concept.js';

/** Entry to a public-data open platform. Statistics columns are not open data. */
export default defineConcept({
  id: 'data_platform',
  name: { zh: '数据开放平台', en: 'Open data platform' },
  text: [
    /数据开放/,
    /开放数据/,
    /公共数据开放/,
    /政府数据开放/,
    /数据开放平台/,
    /开放平台.*数据/,
    /数据开放网/,
    /开放数林/,
  ],
  notText: [/统计数据/, /数据发布/, /数据解读/, /统计公报/, /经济数据/, /数据查询/, /统计/],
  // data.sh.gov.cn, opendata.sz.gov.cn, gddata.gd.gov.cn (a province's letters + data); not bigdata. (a bureau).
  host: [/(^|\.)(data|opendata|sjkf|kfsj|dataopen|gxpt)\./, /(^|\.)(?!big)[a-z]{2}data\./],
  // Statistics databases (data.stats.gov.cn, a 统计局's data.* host) publish figures, not open data.
  notHost: [/(^|\.)(stats|tjj|tongji)\.[a-z.]+$/],
  path: [/\/(opendata|open-data|sjkf|kfsj)(\/|$)/i],
  image: [/opendata|sjkf|kfsj/i],
});
