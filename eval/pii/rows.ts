import path from 'node:path';
import { readJsonl } from '../lib/datasets.js';

/** A labelled span of pii/presidio_synth.jsonl (UTF-16 offsets into `text`). */
export interface GoldSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export interface PiiRow {
  /** 1-based line number, for reference. */
  readonly line: number;
  readonly text: string;
  readonly spans: readonly GoldSpan[];
}

export const PII_DATASET = 'pii/presidio_synth.jsonl';

function parseSpan(value: unknown, where: string, text: string): GoldSpan {
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: span must be an object`);
  const record = value as Record<string, unknown>;
  const { type, start, end } = record;
  if (typeof type !== 'string' || typeof start !== 'number' || typeof end !== 'number') {
    throw new Error(`${where}: span needs "type" (string), "start" and "end" (numbers)`);
  }
  if (start < 0 || end > text.length || start >= end)
    throw new Error(`${where}: span [${start}, ${end}) out of bounds`);
  return { type, start, end };
}

export function parsePiiRow(value: unknown, where: string): Omit<PiiRow, 'line'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const text = record['text'];
  const spans = record['spans'];
  if (typeof text !== 'string') throw new Error(`${where}: "text" must be a string`);
  if (!Array.isArray(spans)) throw new Error(`${where}: "spans" must be an array`);
  return { text, spans: spans.map((span, index) => parseSpan(span, `${where} span ${index}`, text)) };
}

export function loadPiiRows(datasetsDir: string): PiiRow[] {
  return readJsonl(path.join(datasetsDir, PII_DATASET), parsePiiRow).map((row, index) => ({
    ...row,
    line: index + 1,
  }));
}
