/** How much of each site the report inlines, and when a report becomes a directory. */
import { ReportSchema } from '../config/report.js';

export interface ReportLimits {
  /** Largest screenshot inlined, bytes; bigger ones are listed but not embedded. */
  maxScreenshotBytes: number;
  /** Page and evidence screenshots per site; 0 also leaves out the verification screenshots. */
  screenshotsPerSite: number;
  /** Screenshots of verification by acting per site (one per capability at most), shown with their outcome. */
  verificationShotsPerSite: number;
  /** axe rules listed per site (most violating elements first). */
  axeRulesPerSite: number;
  /** Budget for all inlined screenshots of one HTML file together, bytes (in a report directory: per site page). */
  maxScreenshotTotalBytes: number;
  evidencePerIndicator: number;
}

export const DEFAULT_LIMITS: ReportLimits = {
  maxScreenshotBytes: 800_000,
  screenshotsPerSite: 3,
  verificationShotsPerSite: 4,
  axeRulesPerSite: 15,
  maxScreenshotTotalBytes: 40_000_000,
  evidencePerIndicator: 5,
};

/** Above this many sites `govscan report` writes a directory (config `report.splitAbove`, src/config/report.ts). */
export const DEFAULT_SPLIT_ABOVE = ReportSchema.parse({}).splitAbove;
