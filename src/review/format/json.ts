import { z } from 'zod';
import type { ReviewReport } from '../reviewRepo.js';
import { REVIEW_SEVERITIES } from '../types.js';

const severity = z.enum(REVIEW_SEVERITIES);

/** The JSON report, version 1: what `--format json` writes (documented in docs/review.md). */
export const reviewReportSchema = z.strictObject({
  version: z.literal(1),
  tool: z.strictObject({ name: z.literal('maestro'), version: z.string() }),
  root: z.string(),
  durationMs: z.number().int().min(0),
  files: z.strictObject({
    total: z.number().int().min(0),
    typescript: z.number().int().min(0),
    python: z.number().int().min(0),
    lines: z.number().int().min(0),
    skipped: z.array(z.string()),
  }),
  stacks: z.array(z.string()),
  rules: z.array(
    z.strictObject({
      id: z.string().regex(/^MAESTRO-L[1-7]-\d{3}$/),
      layer: z.number().int().min(1).max(7),
      severity,
      checklist: z.string(),
      title: z.string(),
      description: z.string(),
      mitigation: z.string(),
      threat: z.string(),
      refs: z.record(z.string(), z.unknown()),
      examples: z.strictObject({ language: z.string(), vulnerable: z.string(), fixed: z.string() }),
    }),
  ),
  findings: z.array(
    z.strictObject({
      ruleId: z.string(),
      layer: z.number().int().min(1).max(7),
      severity,
      message: z.string(),
      file: z.string(),
      line: z.number().int().min(1),
      column: z.number().int().min(1),
      endLine: z.number().int().min(1),
      endColumn: z.number().int().min(1),
      component: z.string(),
      snippet: z.string(),
      suppressed: z.strictObject({ reason: z.string() }).optional(),
    }),
  ),
  checklist: z.array(
    z.strictObject({
      id: z.string(),
      layer: z.number().int().min(1).max(7),
      text: z.string(),
      status: z.enum(['pass', 'fail', 'manual']),
      rules: z.array(z.string()),
      findings: z.number().int().min(0),
    }),
  ),
});

export function formatJson(report: ReviewReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
