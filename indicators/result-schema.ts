/** The shape every indicator result must have; the runner checks each detector's answer against it. */
import { z } from 'zod';
import type { EvidenceKind } from '../src/types.js';
import type { Outcome } from './define.js';

const KINDS = [
  'text',
  'link',
  'attribute',
  'meta',
  'script',
  'iframe',
  'form',
  'header',
  'request',
  'probe',
  'count',
  'interaction',
  'absence',
] as const satisfies readonly EvidenceKind[];

const EvidenceSchema = z.object({
  kind: z.enum(KINDS),
  url: z.string(),
  selector: z.string().optional(),
  pattern: z.string().optional(),
  snippet: z.string().optional(),
  pageHash: z.string().optional(),
  fetchedAt: z.string().optional(),
  rendered: z.boolean().optional(),
  screenshotHash: z.string().optional(),
});

export const OutcomeSchema = z.object({
  status: z.enum(['present', 'absent', 'unknown']),
  value: z.json().optional(),
  confidence: z.number().min(0).max(1),
  reason: z.string().min(1),
  evidence: z.array(EvidenceSchema),
  needsRender: z.boolean().optional(),
});

/** undefined when `x` is a valid outcome, else what is wrong with it (path: message, …). */
export function outcomeProblem(x: unknown): string | undefined {
  const r = OutcomeSchema.safeParse(x);
  if (r.success) return undefined;
  return r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(result)'}: ${i.message}`)
    .join('; ');
}

export type { Outcome };
