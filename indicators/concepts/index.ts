/**
 * The concept registry: every concept a crawler, detector or browser check looks for, keyed by id.
 * One file per concept in this folder; see concept.ts for what each field means.
 */
import accessibility from './accessibility.js';
import disclosureAnnualReport from './disclosure-annual-report.js';
import elderly from './elderly.js';
import errorReport from './error-report.js';
import interaction from './interaction.js';
import mobile from './mobile.js';
import newMedia from './new-media.js';
import oneThing from './one-thing.js';
import onlineService from './online-service.js';
import openData from './open-data.js';
import personal from './personal.js';
import policy from './policy.js';
import policyInterpretation from './policy-interpretation.js';
import siteSearch from './site-search.js';
import sitemap from './sitemap.js';
import smartQa from './smart-qa.js';
import survey from './survey.js';

export type { Concept, ScriptFingerprint } from './concept.js';
export { NOT_REPORT, REPORT_TITLE, reportYear, YEAR_LINK } from './disclosure-annual-report.js';
export { INTERACTION_KINDS } from './interaction.js';
export { MOBILE_CHANNELS } from './mobile.js';
export type { SearchConcept } from './site-search.js';

export const CONCEPTS = {
  service_platform: onlineService,
  data_platform: openData,
  interaction,
  policy,
  survey,
  smart_qa: smartQa,
  sitemap_page: sitemap,
  personalized: personal,
  accessibility,
  elderly,
  mobile,
  site_search: siteSearch,
  error_report: errorReport,
  policy_interpretation: policyInterpretation,
  new_media: newMedia,
  one_thing: oneThing,
  disclosure_annual_report: disclosureAnnualReport,
};

export type ConceptId = keyof typeof CONCEPTS;
