/** The catalogue: every indicator, in INDICATOR_IDS order; `missingIds()` names contract ids without a detector. */
import type { Indicator } from './define.js';
import { INDICATOR_IDS } from './values.js';
import onlineServicePortal from './supply/online-service-portal.js';
import onlineServiceRate from './supply/online-service-rate.js';
import policyDocuments from './supply/policy-documents.js';
import serviceGuideCompleteness from './supply/service-guide-completeness.js';
import openDataDatasets from './data/open-data-datasets.js';
import openDataPlatform from './data/open-data-platform.js';
import interactionChannel from './response/interaction-channel.js';
import replyTimeliness from './response/reply-timeliness.js';
import surveyConsultation from './response/survey-consultation.js';
import mobileReady from './intelligence/mobile-ready.js';
import personalizedService from './intelligence/personalized-service.js';
import siteSearch from './intelligence/site-search.js';
import smartQa from './intelligence/smart-qa.js';
import accessibilityMode from './inclusion/accessibility-mode.js';
import elderlyMode from './inclusion/elderly-mode.js';
import conacMark from './norms/conac-mark.js';
import govDomain from './norms/gov-domain.js';
import https from './norms/https.js';
import icpRecord from './norms/icp-record.js';
import ipv6 from './norms/ipv6.js';
import publicSecurityRecord from './norms/public-security-record.js';
import robotsTxt from './norms/robots-txt.js';
import siteIdCode from './norms/site-id-code.js';
import sitemap from './norms/sitemap.js';
import cmsPlatform from './platform/cms-platform.js';
import thirdPartyServices from './platform/third-party-services.js';
import blankColumns from './health/blank-columns.js';
import brokenLinks from './health/broken-links.js';
import homepageFreshness from './health/homepage-freshness.js';
import staleColumns from './health/stale-columns.js';

const ALL: Indicator[] = [
  onlineServicePortal,
  onlineServiceRate,
  policyDocuments,
  serviceGuideCompleteness,
  openDataDatasets,
  openDataPlatform,
  interactionChannel,
  replyTimeliness,
  surveyConsultation,
  mobileReady,
  personalizedService,
  siteSearch,
  smartQa,
  accessibilityMode,
  elderlyMode,
  conacMark,
  govDomain,
  https,
  icpRecord,
  ipv6,
  publicSecurityRecord,
  robotsTxt,
  siteIdCode,
  sitemap,
  cmsPlatform,
  thirdPartyServices,
  blankColumns,
  brokenLinks,
  homepageFreshness,
  staleColumns,
];

const byId = new Map(ALL.map((i) => [i.id, i]));
/** All indicators in INDICATOR_IDS order; extra (non-contract) ids follow. */
export const CATALOGUE: Indicator[] = [
  ...INDICATOR_IDS.flatMap((id) => byId.get(id) ?? []),
  ...ALL.filter((i) => !(INDICATOR_IDS as readonly string[]).includes(i.id)),
];

export function missingIds(): string[] {
  return INDICATOR_IDS.filter((id) => !byId.has(id));
}
