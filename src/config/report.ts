/** The `report` section: when `govscan report` writes a directory instead of one file. */
import { z } from 'zod';
import { count as whole } from './bounds.js';

export const ReportSchema = z
  .object({
    /**
     * More sites than this: index.html and a page per site (one file costs ~150 KB per site, so
     * 400 sites are ~60 MB, about what a browser still opens comfortably). `--split-above` overrides it.
     */
    splitAbove: whole(0, 1_000_000).default(400),
  })
  .strict();
