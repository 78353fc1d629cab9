import type { PrefixedId } from './detectors/prefixedFormats.js';

/** One secret a detector found, before overlaps are resolved and fingerprints computed. */
export interface Candidate {
  /** The `PROVIDERS` id of the detector. */
  readonly detector: DetectorId;
  /** The span to mask, in UTF-16 offsets of the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  /**
   * The secret value the fingerprint is computed over when it differs from `text[start, end)`
   * (a private key's base64 body without line breaks, so one key gives one fingerprint however it
   * is wrapped or quoted).
   */
  readonly value?: string;
}

export type Emit = (candidate: Candidate) => void;

/** The detector ids; each has one row in `PROVIDERS`. */
export const DETECTOR_IDS = [
  'github-token',
  'github-fine-grained-pat',
  'aws-access-key-id',
  'aws-secret-access-key',
  'slack-token',
  'slack-webhook',
  'stripe-key',
  'stripe-webhook-secret',
  'openai-api-key',
  'anthropic-api-key',
  'google-api-key',
  'google-oauth-client-secret',
  'google-oauth-access-token',
  'google-oauth-refresh-token',
  'npm-token',
  'pypi-token',
  'twilio-sid',
  'sendgrid-api-key',
  'huggingface-token',
  'gitlab-token',
  'jwt',
  'private-key',
  'private-key-der',
  'telegram-bot-token',
  'terraform-token',
  'database-url',
  'url-credentials',
  'password-assignment',
  'secret-assignment',
  'high-entropy',
] as const;
/** Detector ids: the core detectors above and one per further prefixed format. */
export type DetectorId = (typeof DETECTOR_IDS)[number] | PrefixedId;

/** A prefix that starts a scan, found by the anchor trie. */
export interface Anchor {
  readonly pattern: string;
  /** Match ASCII letters in any case (the pattern itself is then written in lower case). */
  readonly ignoreCase?: boolean;
}

/**
 * A detector anchored on fixed prefixes: the orchestrator finds every anchor occurrence in one
 * pass and calls `onAnchor` with its position. Each call reads a bounded window after the anchor.
 */
export interface AnchoredDetector {
  readonly name: string;
  readonly anchors: readonly Anchor[];
  /** Called once before a scan's anchors (to reset per-scan caches). */
  begin?(text: string): void;
  onAnchor(text: string, start: number, anchor: number, emit: Emit): void;
}

/** A detector that makes its own single pass over the text. */
export interface PassDetector {
  readonly name: string;
  scan(text: string, emit: Emit): void;
}
