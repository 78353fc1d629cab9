import type { Finding, Lane } from '../core/index.js';

/** Where the output goes next; decides which content counts as dangerous (C23). */
export const SINKS = ['shell', 'sql', 'html', 'markdown', 'text', 'terminal'] as const;
export type Sink = (typeof SINKS)[number];

/**
 * One hit of an output detector, in the scanned text's UTF-16 offsets. `type` is the stable
 * machine name printed by the CLI: `secret:<provider>`, `pii:<entity>`, `html:<what>`,
 * `markdown:<what>`, `invisible:<what>`, `sink:<sink>:<what>`.
 */
export interface OutputMatch {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  /** How sure the detector is, in [0, 1] (1 for checksum-verified formats). */
  readonly confidence: number;
  /** The placeholder used when masking, e.g. `EMAIL`, `SECRET`, `CREDIT_CARD`. */
  readonly label: string;
  /** Keyed HMAC of the value (secrets): tracks one leaked key across events without storing it. */
  readonly fingerprint?: string;
}

/** How detected PII and secrets are replaced in `redacted`. */
export const REDACTION_MODES = ['mask', 'hash', 'remove', 'tokenize'] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export interface OutputScanResult {
  readonly lane: Lane;
  readonly findings: readonly Finding[];
  readonly matches: readonly OutputMatch[];
  /** The text with secrets and PII replaced and unsafe content neutralised. */
  readonly redacted: string;
}
