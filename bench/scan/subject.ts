import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../src/core/index.js';
import type { ScanInput, ScanOptions, ScanResult } from '../../src/scan/types.js';

/** `securityScan` as the benchmark calls it; sync or async, whichever the implementation is. */
export type ScanFn = (input: ScanInput, options?: ScanOptions) => ScanResult | Promise<ScanResult>;

/** All timings in this suite scan with this source unless a table says otherwise. */
export const BENCH_SOURCE: Source = 'user';

const ENTRY = new URL('../../src/scan/index.ts', import.meta.url);

export function subjectPath(): string {
  return fileURLToPath(ENTRY);
}

export function subjectExists(): boolean {
  return existsSync(ENTRY);
}

export async function loadSecurityScan(): Promise<ScanFn> {
  const module = await import('../../src/scan/index.js');
  const scan: ScanFn = module.securityScan;
  return scan;
}

/** Runs one scan, awaiting it if needed; used for probes and lane labels, not for timing. */
export async function scanOnce(
  scan: ScanFn,
  text: string,
  source: Source = BENCH_SOURCE,
): Promise<ScanResult> {
  return await scan(text, { source });
}
