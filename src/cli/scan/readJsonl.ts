import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { SOURCES } from '../../core/index.js';
import { UsageError } from '../../errors/index.js';

/** A line of `maestro scan --jsonl`. */
export const scanLineSchema = z.object({
  id: z.string().min(1).max(256),
  text: z.string(),
  source: z.enum(SOURCES).optional(),
});

async function* readLines(path: string): AsyncGenerator<[string, number]> {
  if (path !== '-') {
    try {
      accessSync(path, constants.R_OK);
      if (!statSync(path).isFile()) throw new Error('not a file');
    } catch {
      throw new UsageError(`Cannot read --jsonl ${path}.`);
    }
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const raw of lines) yield [raw, ++n];
}

export type JsonlLine<T> =
  | { readonly ok: true; readonly line: number; readonly value: T }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** Streams JSONL lines validated by a schema; problems name the field, never echo the line. */
export async function* readJsonlLines<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<JsonlLine<T>> {
  for await (const [raw, line] of readLines(path)) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      yield { ok: false, line, problem: 'not valid JSON' };
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) yield { ok: true, line, value: parsed.data };
    else {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'line';
      yield { ok: false, line, problem: `${field}: ${issue?.message ?? 'invalid'}` };
    }
  }
}
