import { parseDocument } from 'yaml';
import { z } from 'zod';
import { LANES } from '../core/index.js';
import { InvalidInputError } from '../errors/index.js';

const expectationSchema = z
  .object({
    decision: z.enum(['allow', 'deny']),
    lane: z.enum(LANES).optional(),
    /** The determining policies, in any order. */
    policies: z.array(z.string()).optional(),
    /** The case expects the decision to fail closed (a request that does not fit, a policy that errs). */
    errors: z.boolean().optional(),
  })
  .strict();

const caseSchema = z
  .object({
    name: z.string().min(1),
    request: z.record(z.string(), z.unknown()),
    expect: expectationSchema,
  })
  .strict();

export const policyCaseFileSchema = z
  .object({
    /** The policy directory, relative to the cases file. */
    policies: z.string().min(1).optional(),
    /** Merged under every case's request (objects deeply, anything else replaced). */
    defaults: z.record(z.string(), z.unknown()).optional(),
    cases: z.array(caseSchema).min(1),
  })
  .strict();

export type PolicyCaseFile = z.infer<typeof policyCaseFileSchema>;
export type PolicyCase = z.infer<typeof caseSchema>;
export type PolicyExpectation = z.infer<typeof expectationSchema>;

/**
 * Reads a test-case file (YAML): requests with the decision, and optionally the lane and the
 * determining policies, they must get. Throws `InvalidInputError` naming the line or the field.
 */
export function parsePolicyCases(text: string, name: string): PolicyCaseFile {
  const document = parseDocument(text);
  const error = document.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0]?.line;
    throw new InvalidInputError(
      `${name}${line === undefined ? '' : `:${line}`}: not valid YAML (${error.code}).`,
    );
  }
  const parsed = policyCaseFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String).join('.');
    throw new InvalidInputError(
      `${name}: ${path === '' ? 'the file' : path}: ${issue?.message ?? 'not valid'}.`,
      (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p.description) : p)),
    );
  }
  return parsed.data;
}
