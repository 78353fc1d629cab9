import type { z } from 'zod';
import type { OutputMatch } from '../types.js';
import {
  formatPath,
  type JsonPath,
  StructuredOutputError,
  type StructuredOutputErrorBody,
} from './errors.js';
import { stripJsonFence } from './fence.js';
import { type JsonLimits, type JsonString, parseJsonWithReport } from './parseJsonStrict.js';

export interface StructuredOutputOptions extends JsonLimits {
  /**
   * Scans every string value and key (secrets, PII, unsafe content). Matches are in the
   * string's own offsets. A scanner that throws fails the check (`ERR_OUTPUT_SCAN_FAILED`).
   */
  readonly scanString?: (value: string, path: (string | number)[]) => OutputMatch[];
  /** Strip one ```json fence around the whole output. Default true. */
  readonly allowFence?: boolean;
}

/** A scanner match inside the JSON, or a dropped `__proto__`/`constructor`/`prototype` key. */
export interface StructuredFinding extends OutputMatch {
  readonly path: JsonPath;
  /** The match is in a key, not a value. */
  readonly inKey: boolean;
  /** Span of the JSON string literal (quotes included) in the original text. */
  readonly literal: { readonly start: number; readonly end: number };
}

export type StructuredOutputResult<T> =
  | { readonly ok: true; readonly value: T; readonly findings: StructuredFinding[] }
  | { readonly ok: false; readonly error: StructuredOutputErrorBody; readonly findings: StructuredFinding[] };

function fail<T>(error: StructuredOutputErrorBody, findings: StructuredFinding[]): StructuredOutputResult<T> {
  return { ok: false, error, findings };
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p.description) : p));
}

/**
 * Checks structured model output (control C23, OWASP LLM05): strips one ```json fence,
 * parses strict JSON within limits (`parseJsonStrict`), runs `scanString` over every string,
 * then validates with the zod schema. Never evaluates anything and never throws for bad
 * output: failures come back as `{ ok: false, error: { code, path, message } }`.
 */
export function checkStructuredOutput<S extends z.ZodType>(
  text: string,
  schema: S,
  options: StructuredOutputOptions = {},
): StructuredOutputResult<z.output<S>> {
  const findings: StructuredFinding[] = [];
  if (typeof text !== 'string') {
    return fail(
      { code: 'ERR_OUTPUT_INVALID_JSON', message: 'Expected the output text as a string.', path: [] },
      findings,
    );
  }
  const { scanString, allowFence, ...limits } = options;
  const body = allowFence === false ? { text, offset: 0 } : stripJsonFence(text);
  const offset = body.offset;
  let scanFailed = false;
  const visit =
    scanString === undefined
      ? undefined
      : (string: JsonString): void => {
          if (scanFailed) return;
          let matches: OutputMatch[];
          try {
            matches = scanString(string.value, [...string.path]);
          } catch {
            scanFailed = true;
            return;
          }
          const literal = { start: string.start + offset, end: string.end + offset };
          for (const match of matches)
            findings.push({ ...match, path: string.path, inKey: string.key, literal });
        };
  let parsed: ReturnType<typeof parseJsonWithReport>;
  try {
    parsed = parseJsonWithReport(body.text, limits, visit);
  } catch (error) {
    if (error instanceof StructuredOutputError) {
      const json = error.toJSON();
      return fail(json.offset === undefined ? json : { ...json, offset: json.offset + offset }, findings);
    }
    throw error;
  }
  if (scanFailed) {
    return fail(
      {
        code: 'ERR_OUTPUT_SCAN_FAILED',
        message: 'The string scanner failed; the output was not accepted.',
        path: [],
      },
      findings,
    );
  }
  for (const dropped of parsed.droppedKeys) {
    const literal = { start: dropped.start + offset, end: dropped.end + offset };
    findings.push({
      type: 'json:unsafe-key',
      start: 0,
      end: String(dropped.path[dropped.path.length - 1] ?? '').length,
      confidence: 1,
      label: 'UNSAFE_KEY',
      path: dropped.path,
      inKey: true,
      literal,
    });
  }
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(parsed.value);
  } catch {
    return fail(
      {
        code: 'ERR_OUTPUT_SCHEMA_MISMATCH',
        message: 'The schema could not validate the output synchronously.',
        path: [],
      },
      findings,
    );
  }
  if (!result.success) {
    const issues = result.error.issues;
    const first = issues[0];
    const path = toPath(first?.path ?? []);
    const message = `The output does not match the schema at ${formatPath(path)}: ${first?.message ?? 'invalid'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}.`;
    return fail({ code: 'ERR_OUTPUT_SCHEMA_MISMATCH', message, path }, findings);
  }
  return { ok: true, value: result.data, findings };
}
