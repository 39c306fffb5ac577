/**
 * The indicator metadata (names, standards, value fields) that exports and the report show,
 * from the indicator catalogue. Ids in `INDICATOR_IDS` that the catalogue does not describe still
 * get an entry (with the id as name), so a table never silently loses a column.
 */

import type { IndicatorMeta } from '../../indicators/define.js';
import { CATALOGUE } from '../../indicators/index.js';
import { INDICATOR_IDS } from '../../indicators/values.js';

/** Minimal metadata for an id the catalogue does not (yet) describe. */
function placeholder(id: string): IndicatorMeta {
  return {
    id,
    dimension: 'health',
    name: { zh: id, en: id },
    measures: '(not described by the indicator catalogue)',
    standard: '',
    presentMeans: '',
    valueType: 'object',
    scope: 'site',
    needs: [],
  };
}

/** Keep the documented fields only (catalogue entries carry a detect function). */
function metaOnly(m: IndicatorMeta): IndicatorMeta {
  const { id, dimension, name, measures, standard, presentMeans, valueType, valueFields, scope, needs } = m;
  return {
    id,
    dimension,
    name,
    measures,
    standard,
    presentMeans,
    valueType,
    ...(valueFields ? { valueFields } : {}),
    scope,
    needs,
  };
}

/** Every contract id in INDICATOR_IDS order (placeholders for undescribed ones), then extra catalogue ids. */
export function withAllIds(metas: readonly IndicatorMeta[]): IndicatorMeta[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const known = new Set<string>(INDICATOR_IDS);
  return [
    ...INDICATOR_IDS.map((id) => {
      const m = byId.get(id);
      return m ? metaOnly(m) : placeholder(id);
    }),
    ...metas.filter((m) => !known.has(m.id)).map(metaOnly),
  ];
}

export function loadCatalogue(): IndicatorMeta[] {
  return withAllIds(CATALOGUE);
}
