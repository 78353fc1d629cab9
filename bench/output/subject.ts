import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  GuardedOutputStream,
  OutputScanResult,
  OutputStreamOptions,
  ScanOutputOptions,
} from '../../src/output/index.js';

/** `scanOutput` as the benchmark calls it. */
export type ScanOutputFn = (text: string, options?: ScanOutputOptions) => OutputScanResult;

/** `createOutputStream` as the benchmark calls it. */
export type CreateOutputStreamFn = (options?: OutputStreamOptions) => GuardedOutputStream;

export interface OutputSubject {
  readonly scanOutput: ScanOutputFn;
  readonly createOutputStream: CreateOutputStreamFn;
}

const ENTRY = new URL('../../src/output/index.ts', import.meta.url);

export function subjectPath(): string {
  return fileURLToPath(ENTRY);
}

export function subjectExists(): boolean {
  return existsSync(ENTRY);
}

export async function loadOutputGuard(): Promise<OutputSubject> {
  const module = await import('../../src/output/index.js');
  return { scanOutput: module.scanOutput, createOutputStream: module.createOutputStream };
}

/** Lane and finding count of one call, for table labels; not timed. */
export function probe(
  scanOutput: ScanOutputFn,
  text: string,
  options: ScanOutputOptions,
): { lane: string; findings: number } {
  try {
    const result = scanOutput(text, options);
    return { lane: result.lane, findings: result.findings.length };
  } catch {
    return { lane: 'threw', findings: 0 };
  }
}
