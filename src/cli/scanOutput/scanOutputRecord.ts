import type { Lane } from '../../core/index.js';
import { MaestroError, toSafeError } from '../../errors/index.js';
import { type Sink, scanOutput } from '../../output/index.js';

/** One line of `maestro scan-output` output. */
export interface ScanOutputRecord {
  readonly id: string;
  readonly lane: Lane;
  readonly findings: ReadonlyArray<{ type: string; start?: number; end?: number }>;
  readonly redacted: string;
  readonly error?: { code: string; message: string };
}

export interface ScanOutputRecordOptions {
  readonly sink: Sink;
  readonly maxBytes?: number;
  readonly allowedHosts?: readonly string[];
}

/** Scans one output for the CLI; an output that cannot be scanned is `block` with an empty `redacted`. */
export function scanOutputRecord(
  id: string,
  text: string,
  options: ScanOutputRecordOptions,
): ScanOutputRecord {
  try {
    const result = scanOutput(text, {
      sink: options.sink,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: [...options.allowedHosts] }),
    });
    return {
      id,
      lane: result.lane,
      findings: result.findings.map((f) =>
        f.span === undefined
          ? { type: f.detector }
          : { type: f.detector, start: f.span.start, end: f.span.end },
      ),
      redacted: result.redacted,
    };
  } catch (error) {
    if (!(error instanceof MaestroError)) throw error;
    return { id, lane: 'block', findings: [], redacted: '', error: toSafeError(error) };
  }
}
