import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { SOURCES, type Source } from '../../core/index.js';

const lineSchema = z.object({
  id: z.string().min(1).max(256),
  text: z.string(),
  source: z.enum(SOURCES).optional(),
});

export type JsonlItem =
  | { readonly ok: true; readonly line: number; readonly id: string; readonly text: string; readonly source?: Source }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** Parses one JSONL line; the problem names the field, never echoes the line. */
export function parseJsonlLine(raw: string, line: number): JsonlItem | undefined {
  if (raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, line, problem: 'not valid JSON' };
  }
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : 'line';
    return { ok: false, line, problem: `${field}: ${issue.message}` };
  }
  const { id, text, source } = parsed.data;
  return source === undefined ? { ok: true, line, id, text } : { ok: true, line, id, text, source };
}

/** Streams a JSONL file (or stdin for "-") line by line, in order. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlItem> {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const item = parseJsonlLine(raw, n);
    if (item !== undefined) yield item;
  }
}
