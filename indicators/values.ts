/**
 * The value each indicator reports, by id. This is the contract between detectors (which
 * produce it), the fixture world's ground truth (which states the expected one), scoring
 * (which reads its fields) and exports. Fields are optional where a page may not show them.
 * An indicator without an entry here still works (its value is plain JSON); adding one types it.
 * `present` always means "the capability exists / the norm is met" (see each definition's presentMeans).
 */
import type { JsonValue } from '../src/types.js';

export interface LinkTarget {
  /** Absolute URL of the entry. */
  url: string;
  host: string;
  /** Visible text, alt or title that identified it. */
  text?: string;
}

export interface IndicatorValues {
  // ── supply ──
  online_service_portal: LinkTarget & {
    /** Whose platform: the national one, the province's shared one, the city's own, or unknown. */
    level: 'national' | 'provincial' | 'local' | 'unknown';
    /** The platform page could be fetched. */
    reachable?: boolean;
  };
  online_service_rate: {
    /** Service items listed on the linked platform (as the platform states, or as counted). */
    items: number;
    /** Items that can be handled fully online (全程网办 / 网办深度 ≥ 4 / 零跑动). */
    fullyOnline: number;
    /** fullyOnline / items, 0..1. */
    rate: number;
    /** 'stated' = total printed by the platform, 'counted' = items counted on fetched list pages. */
    source: 'stated' | 'counted';
  };
  service_guide_completeness: {
    guidesChecked: number;
    /** Key elements (事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程) found in all checked guides. */
    elementsFound: string[];
    elementsMissing: string[];
    /** Found / 8, averaged over checked guides, 0..1. */
    completeness: number;
  };
  policy_documents: LinkTarget & {
    newestDate?: string; // YYYY-MM-DD
    ageDays?: number;
    fresh?: boolean;
  };

  // ── data ──
  open_data_platform: LinkTarget & {
    level: 'provincial' | 'local' | 'unknown';
    reachable: boolean;
    /** The crawler tried to fetch the platform (false: `reachable` is false only because it was not tried). */
    reachabilityChecked?: boolean;
  };
  open_data_datasets: {
    datasets: number;
    /** Upper-case formats offered, e.g. ["CSV","JSON","XLSX","API"]. */
    formats: string[];
    /** An API (JSON list endpoint or API-format datasets) is offered. */
    api: boolean;
    source: 'stated' | 'counted' | 'api';
  };

  // ── response ──
  interaction_channel: {
    /** Normalised channel kinds found: mailbox (领导信箱), hotline12345, consult (在线咨询), message (留言/投诉/建议). */
    channels: ('mailbox' | 'hotline12345' | 'consult' | 'message')[];
    entries: LinkTarget[];
    /** Where the entries are: on the homepage, or on the 互动交流 section page behind a bare section link. */
    via?: 'homepage' | 'section_page';
  };
  reply_timeliness: {
    lettersChecked: number;
    replied: number;
    /** Median days from 留言时间 to 回复时间 over replied letters. */
    medianDays: number | null;
    /** Unanswered letters older than thresholds.replyOverdueDays. */
    overdue: number;
  };
  survey_consultation: LinkTarget;

  // ── intelligence ──
  smart_qa: {
    via: 'link' | 'button' | 'widget_script' | 'iframe';
    url?: string;
    text?: string;
    /** What answers: a large model, a FAQ/keyword robot, staffed service, or not told by the page. */
    kind?: 'llm' | 'rule' | 'human' | 'unknown';
    /** From browser verification (issue 5), when it ran. */
    verified?: 'verified' | 'not_working' | 'not_found';
  };
  site_search: {
    /** Search form action (absolute), or the homepage URL for a box a script submits. */
    action: string;
    /** How the box is submitted: a <form>, or a script (no form, or a UI component such as <el-input>). */
    submit?: 'form' | 'script';
    /** The search probe returned a page with results. undefined = not probed. */
    resultsReturned?: boolean;
    resultCount?: number;
    /** From browser verification (issue 5), when it ran. */
    verified?: 'verified' | 'not_working' | 'not_found';
  };
  mobile_ready: {
    viewport: boolean;
    /** Link to a mobile version / 手机版 / WAP. */
    mobileSite?: string;
    app: boolean;
    miniProgram: boolean;
    /** Also 政务微博/微信公众号 entries. */
    newMedia: boolean;
  };
  personalized_service: LinkTarget & { kind: 'user_center' | 'login' | 'unified_auth' };

  // ── inclusion ──
  accessibility_mode: {
    via: 'link' | 'button' | 'script';
    /** Known vendor, e.g. "cniil" (assist.js), "aria" (govwza aria.js), "self". */
    vendor?: string;
    text?: string;
    verified?: 'verified' | 'not_working' | 'not_found';
  };
  elderly_mode: {
    via: 'link' | 'button' | 'script';
    vendor?: string;
    text?: string;
    verified?: 'verified' | 'not_working' | 'not_found';
  };

  // ── norms ──
  site_id_code: {
    code: string;
    /** footer: shown to visitors (the norm); meta / jiucuo_link: only in markup visitors do not read (then the status is absent). */
    source: 'footer' | 'meta' | 'jiucuo_link';
    /** Other codes found elsewhere on the page, when they differ. */
    conflicts?: string[];
  };
  icp_record: { record: string /** Links to beian.miit.gov.cn. */; linked: boolean };
  public_security_record: {
    record: string /** The record number (14 digits; older records have fewer). */;
    number: string;
    linked: boolean;
  };
  conac_mark: { via: 'script' | 'image' | 'link'; id?: string };
  gov_domain: { host: string; govCn: boolean /** www.<x>.gov.cn */; portalPattern: boolean };
  https: {
    httpsAvailable: boolean;
    certValid: boolean;
    redirectsToHttps: boolean;
    hsts: boolean;
    certError?: string;
  };
  ipv6: { aaaa: string[]; reachable?: boolean };
  sitemap: { page?: string; xml?: string; xmlUrls?: number };
  robots_txt: { url: string; disallowAll: boolean; rules: number; sitemaps: string[] };

  // ── platform ──
  cms_platform: {
    /** trs | kaipuyun | hanweb | lonsun | epoint | jcms | self_built | unknown (extendable by fingerprints). */
    vendor: string;
    /** Runs on the province's shared 集约化 platform. */
    intensive: boolean;
    intensiveHost?: string;
    /** Fingerprints that matched (source: pattern). */
    signals?: string[];
  };
  third_party_services: {
    hosts: string[];
    /** host → analytics | monitoring | accessibility | cdn | social | map | other */
    categories: Record<string, string>;
  };

  // ── health ──
  homepage_freshness: { newestDate: string | null; ageDays: number | null; datedItems: number };
  stale_columns: {
    columnsChecked: number;
    stale: { name: string; url: string; newestDate: string | null; ageDays: number | null; limitDays: number }[];
  };
  blank_columns: { columnsChecked: number; blank: { name: string; url: string }[] };
  broken_links: {
    checked: number;
    /** 404/403 on internal links: definite. */
    definite: number;
    /** Timeouts, 5xx, resets: suspected. */
    suspected: number;
    /** definite / checked. */
    rate: number;
    examples: { url: string; from: string; status: string; httpStatus?: number }[];
  };
}

/** Ids whose value has a typed shape above. */
export type KnownIndicatorId = keyof IndicatorValues;
/** Any indicator id: the catalogue is discovered, so an id needs no entry here. */
export type IndicatorId = string;
/** The value of an indicator: typed for known ids, plain JSON for one added without an entry above. */
export type ValueOf<Id extends string> = Id extends KnownIndicatorId ? IndicatorValues[Id] : { [k: string]: JsonValue };

/** All ids in catalogue order (dimension by dimension), derived from the discovered definitions. */
export { INDICATOR_IDS } from './discover.js';
