/**
 * Fingerprints as data: CMS vendors, third-party hosts by category, accessibility/Q&A widget
 * scripts, and the provinces' shared hosts. Detectors only apply these; extend the tables here.
 * Sources: ../shared/docs/signals.md and vendor paths commonly seen on government portals.
 */

/** Where a CMS fingerprint is looked for, and how much a hit there weighs. */
export type FingerprintSource = 'generator' | 'resource' | 'link' | 'class' | 'comment' | 'inline';
export const SOURCE_WEIGHT: Record<FingerprintSource, number> = {
  generator: 3, // <meta name="generator">
  resource: 2, // script/css/img/iframe URLs
  comment: 2, // HTML comments the CMS leaves
  class: 1, // class/id tokens
  inline: 1, // inline script text
  link: 1, // <a href> paths (weak: links may point to another site's CMS)
};

export interface CmsFingerprint {
  vendor: string;
  name: string;
  signals: Partial<Record<FingerprintSource, RegExp[]>>;
}

export const CMS_FINGERPRINTS: CmsFingerprint[] = [
  {
    vendor: 'trs',
    name: '拓尔思 TRS WCM',
    signals: {
      generator: [/\bTRS\b|WCM/i],
      resource: [/\/r\/cms\//i, /\btrs_|\/trsapp\//i, /\/wcm\/|\/was5\//i],
      link: [/\/was5\/web\/search|\/trsapp\//i],
      class: [/^trs_/i, /^trsedit/i],
      comment: [/\bTRS\b|拓尔思|WCM/i],
      inline: [/\btrs_|TRS\.|was5/],
    },
  },
  {
    vendor: 'kaipuyun',
    name: '开普云 (UCAP)',
    signals: {
      generator: [/kaipuyun|ucap/i],
      // Its SaaS hosts (pucha.kaipuyun.cn 找错, ucap.kaipuyun.cn/ucap/stat.js analytics) serve sites on any CMS: not CMS signals.
      resource: [/^(?!(?:https?:)?\/\/[^/]*kaipuyun\.cn\/).*(\/ucap\/|kaipuyun)/i],
      class: [/^ucap/i],
      comment: [/开普云|ucap|kaipuyun/i],
      inline: [/ucap(?:Search|Cms|_)/i],
    },
  },
  {
    vendor: 'hanweb',
    name: '大汉网络 Hanweb JCMS',
    signals: {
      generator: [/hanweb|jcms/i],
      resource: [
        /hanweb/i,
        /\/jcms\//i,
        /\/module\/(web\/)?jpage\//i,
        /\/jsearchfront\//i,
        /\/jact\//i,
        /\/script\/0\/\d+\//i,
      ],
      link: [/\/jsearchfront\/|\/jrobot\/|\/col\/col\d+\/|\/art\/\d{4}\/\d+\/\d+\/art_/i],
      class: [/^hanweb/i, /^jcms/i, /^default_pgcontainer$/i],
      comment: [/hanweb|大汉|jcms/i],
      inline: [/jcms|hanweb|jpage/i],
    },
  },
  {
    vendor: 'lonsun',
    name: '龙讯 Lonsun',
    signals: {
      generator: [/lonsun/i],
      resource: [/lonsun/i, /\/assets\/js\/ls\.|\/lsjs\//i, /\/site\/tpl\//i],
      link: [/\/content\/(column|article)\/\d+/i, /\/site\/tpl\/\d+/i],
      class: [/^ls-/i, /^lonsun/i],
      comment: [/lonsun|龙讯/i],
      inline: [/lonsun|Ls\.ajax/],
    },
  },
  {
    vendor: 'epoint',
    name: '国泰新点 Epoint',
    signals: {
      generator: [/epoint/i],
      resource: [/epoint/i, /\/EpointWeb/i, /\/ewb-/i],
      link: [/\/EpointWeb/i],
      class: [/^ewb-/i],
      comment: [/epoint|新点/i],
      inline: [/epoint|Util\.ajax/],
    },
  },
  {
    vendor: 'dedecms',
    name: '织梦 DedeCMS',
    signals: { generator: [/dedecms/i], resource: [/\/dede\/|dedecms/i], comment: [/dedecms/i] },
  },
  {
    vendor: 'phpcms',
    name: 'PHPCMS',
    signals: { generator: [/phpcms/i], resource: [/phpcms|\/statics\/js\/.*phpcms/i], comment: [/phpcms/i] },
  },
  {
    vendor: 'wordpress',
    name: 'WordPress',
    signals: { generator: [/wordpress/i], resource: [/\/wp-(content|includes)\//i] },
  },
];

/** A vendor needs at least this weight to be named (one generator meta, or two weaker hits). */
export const CMS_MIN_WEIGHT = 2;

/** Registrable domains of each province's own portal and shared platforms, by the first two digits of the area code. */
export const PROVINCE_DOMAINS: Record<string, string[]> = {
  '11': ['beijing.gov.cn'],
  '12': ['tj.gov.cn'],
  '13': ['hebei.gov.cn', 'hbzwfw.gov.cn'],
  '14': ['shanxi.gov.cn', 'sxzwfw.gov.cn'],
  '15': ['nmg.gov.cn', 'nmgzwfw.gov.cn'],
  '21': ['ln.gov.cn', 'lnzwfw.gov.cn'],
  '22': ['jl.gov.cn', 'jlzwfw.gov.cn'],
  '23': ['hlj.gov.cn', 'hljzwfw.gov.cn'],
  '31': ['shanghai.gov.cn'],
  '32': ['js.gov.cn', 'jszwfw.gov.cn'],
  '33': ['zj.gov.cn', 'zjzwfw.gov.cn'],
  '34': ['ah.gov.cn', 'ahzwfw.gov.cn'],
  '35': ['fj.gov.cn', 'fjzwfw.gov.cn'],
  '36': ['jiangxi.gov.cn', 'jxzwfw.gov.cn'],
  '37': ['shandong.gov.cn', 'sd.gov.cn', 'sdzwfw.gov.cn'],
  '41': ['henan.gov.cn', 'hnzwfw.gov.cn'],
  '42': ['hubei.gov.cn'],
  '43': ['hunan.gov.cn', 'hunanzwfw.gov.cn'],
  '44': ['gd.gov.cn', 'gdzwfw.gov.cn'],
  '45': ['gxzf.gov.cn', 'gxzwfw.gov.cn'],
  '46': ['hainan.gov.cn', 'hizwfw.gov.cn'],
  '50': ['cq.gov.cn', 'cqzwfw.gov.cn'],
  '51': ['sc.gov.cn', 'sczwfw.gov.cn'],
  '52': ['guizhou.gov.cn', 'gzzwfw.gov.cn'],
  '53': ['yn.gov.cn', 'ynzwfw.gov.cn'],
  '54': ['xizang.gov.cn', 'xzzwfw.gov.cn'],
  '61': ['shaanxi.gov.cn'],
  '62': ['gansu.gov.cn', 'gszwfw.gov.cn'],
  '63': ['qinghai.gov.cn', 'qhzwfw.gov.cn'],
  '64': ['nx.gov.cn', 'nxzwfw.gov.cn'],
  '65': ['xinjiang.gov.cn', 'xjzwfw.gov.cn'],
};

/** The national government service platform. */
export const NATIONAL_SERVICE_HOSTS = [/^gjzwfw\.www\.gov\.cn$/, /^(www\.)?gjzwfw\.gov\.cn$/];
/** Any province-style 政务服务网 host: <prov>zwfw.gov.cn. */
export const PROVINCIAL_SERVICE_HOST = /(^|\.)[a-z]{2,8}zwfww?\.gov\.cn$/;

/** Third-party hosts by category; the first matching row wins. Unlisted *.gov.cn hosts are 'government'. */
export const THIRD_PARTY_CATEGORIES: { host: RegExp; category: string }[] = [
  { host: /(^|\.)(hm\.baidu\.com|tongji\.baidu\.com)$/, category: 'analytics' },
  {
    host: /(^|\.)(cnzz\.com|umeng\.com|51\.la|51yes\.com|google-analytics\.com|googletagmanager\.com|growingio\.com|sensorsdata\.cn|zhugeio\.com|cnzz\.net)$/,
    category: 'analytics',
  },
  { host: /(^|\.)(ta\.trs\.com\.cn|trs\.com\.cn)$/, category: 'analytics' },
  {
    host: /(^|\.)(zfwzgl\.www\.gov\.cn|pucha\.kaipuyun\.cn|ucap\.kaipuyun\.cn|zfwzzc\.www\.gov\.cn)$/,
    category: 'monitoring',
  },
  { host: /(^|\.)(govwza\.cn|cniil\.com|wza\.[a-z]+\.gov\.cn)$/, category: 'accessibility' },
  {
    host: /(^|\.)(bootcdn\.net|bootcss\.com|staticfile\.org|staticfile\.net|jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|bdstatic\.com|qhimg\.com|sinaimg\.cn|aliyuncs\.com|cdn\.bootcdn\.net)$/,
    category: 'cdn',
  },
  {
    host: /(^|\.)(weibo\.com|weibo\.cn|sina\.com\.cn|qq\.com|bshare\.cn|jiathis\.com|wx\.qq\.com|douyin\.com)$/,
    category: 'social',
  },
  { host: /(^|\.)(map\.baidu\.com|api\.map\.baidu\.com|amap\.com|map\.qq\.com|tianditu\.gov\.cn)$/, category: 'map' },
];

/** Host labels of shared 集约化 (intensive) site platforms: jyh = 集约化. Resources from them mean the portal runs there. */
export const INTENSIVE_HOST = /^(jyh|jyhpt|zfwzjyh|jyhzd|site-?group|zhandian)\./i;
