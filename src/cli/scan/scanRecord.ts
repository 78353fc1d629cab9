import type { Lane, Source } from '../../core/index.js';
import { MaestroError, toSafeError } from '../../errors/index.js';
import { securityScan } from '../../scan/index.js';

/** One line of `maestro scan` output. */
export interface ScanRecord {
  readonly id: string;
  readonly lane: Lane;
  readonly score: number;
  readonly findings: ReadonlyArray<{ category: string; detector: string; start?: number; end?: number }>;
  readonly reason: string;
  readonly error?: { code: string; message: string };
}

export interface ScanRecordOptions {
  readonly source: Source;
  readonly maxBytes?: number;
}

/**
 * Scans one input for the CLI. An input that cannot be scanned (too large, malformed) is
 * reported as `block` with its error code: the CLI fails closed like the library.
 */
export function scanRecord(id: string, text: string, options: ScanRecordOptions): ScanRecord {
  try {
    const result = securityScan(text, {
      source: options.source,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    });
    return {
      id,
      lane: result.lane,
      score: Math.round(result.score * 10_000) / 10_000,
      findings: result.findings.map((f) =>
        f.span === undefined
          ? { category: f.category, detector: f.detector }
          : { category: f.category, detector: f.detector, start: f.span.start, end: f.span.end },
      ),
      reason: result.reason,
    };
  } catch (error) {
    const safe = toSafeError(error);
    if (!(error instanceof MaestroError)) throw error;
    return { id, lane: 'block', score: 1, findings: [], reason: `Not scanned: ${safe.message}`, error: safe };
  }
}
