import type { OutputMatch } from '../types.js';
import { buildAnchorTrie, scanAnchors, startsWithAnchor } from './anchors.js';
import { anthropicDetector } from './detectors/anthropic.js';
import { assignmentDetector } from './detectors/assignment.js';
import { awsKeyIdDetector, checkAwsSecret, forEachRun } from './detectors/aws.js';
import { connectionUrlDetector } from './detectors/connectionUrl.js';
import { derKeyDetector } from './detectors/derKey.js';
import { githubDetector } from './detectors/github.js';
import { gitlabDetector } from './detectors/gitlab.js';
import { googleDetector } from './detectors/google.js';
import { checkHighEntropy, HIGH_ENTROPY_MAX, HIGH_ENTROPY_MIN } from './detectors/highEntropy.js';
import { huggingfaceDetector } from './detectors/huggingface.js';
import { infixDetector } from './detectors/infix.js';
import { jwtDetector } from './detectors/jwt.js';
import { npmDetector } from './detectors/npm.js';
import { openaiDetector } from './detectors/openai.js';
import { prefixedDetector } from './detectors/prefixed.js';
import { privateKeyDetector } from './detectors/privateKey.js';
import { pypiDetector } from './detectors/pypi.js';
import { sendgridDetector } from './detectors/sendgrid.js';
import { slackDetector } from './detectors/slack.js';
import { stripeDetector } from './detectors/stripe.js';
import { twilioDetector } from './detectors/twilio.js';
import { type FingerprintKey, fingerprint, resolveFingerprintKey } from './fingerprint.js';
import { providerOf } from './providers.js';
import { resolveOverlaps } from './resolve.js';
import type { Anchor, AnchoredDetector, Candidate, PassDetector } from './types.js';

export interface DetectSecretsOptions {
  /**
   * Key for the fingerprints (HMAC-SHA256). Default: `MAESTRO_FINGERPRINT_KEY`, else a random key
   * per process (fingerprints then match only within one process).
   */
  readonly fingerprintKey?: FingerprintKey;
  /** Drop matches below this confidence. Default 0: every match, weak ones included. */
  readonly minConfidence?: number;
}

/** The match label used when masking secrets. */
export const SECRET_LABEL = 'SECRET';

/**
 * Confidence from which a match counts as a leaked secret (the evaluation's decision threshold).
 * Below it are publishable keys, encrypted private keys and weak context-free identifiers: worth
 * masking, not worth blocking.
 */
export const SECRET_REPORT_THRESHOLD = 0.5;

const ANCHORED: readonly AnchoredDetector[] = [
  githubDetector,
  awsKeyIdDetector,
  slackDetector,
  stripeDetector,
  openaiDetector,
  anthropicDetector,
  googleDetector,
  npmDetector,
  pypiDetector,
  twilioDetector,
  sendgridDetector,
  huggingfaceDetector,
  gitlabDetector,
  jwtDetector,
  privateKeyDetector,
  derKeyDetector,
  connectionUrlDetector,
  prefixedDetector,
  infixDetector,
];

/** One pass over base64/hex runs feeds both the AWS secret key check and the high-entropy check. */
const runsDetector: PassDetector = {
  name: 'runs',
  scan(text, emit) {
    forEachRun(text, HIGH_ENTROPY_MIN, HIGH_ENTROPY_MAX, (start, end) => {
      checkAwsSecret(text, start, end, emit);
      checkHighEntropy(text, start, end, emit);
    });
  },
};

const PASSES: readonly PassDetector[] = [runsDetector, assignmentDetector];

/** Every anchor of every detector, flattened, with the detector and the detector's own index. */
const FLAT: readonly {
  readonly detector: AnchoredDetector;
  readonly local: number;
  readonly anchor: Anchor;
}[] = ANCHORED.flatMap((detector) => detector.anchors.map((anchor, local) => ({ detector, local, anchor })));
const TRIE = buildAnchorTrie(FLAT.map((entry) => entry.anchor));

/** Detectors whose anchors open a token format rather than a structure (URL, PEM, JWT, DER, SIDs). */
const GENERAL_ANCHORS: ReadonlySet<AnchoredDetector> = new Set([
  jwtDetector,
  privateKeyDetector,
  derKeyDetector,
  connectionUrlDetector,
  twilioDetector,
  infixDetector,
]);

/**
 * Distinctive provider prefixes (with a separator, or 5+ characters): a value that starts with one
 * belongs to that provider's rule. When the rule rejected it (a failed checksum, a wrong length, an
 * example), the generic assignment and entropy detectors must not report it instead.
 */
const PROVIDER_PREFIXES = buildAnchorTrie(
  FLAT.filter(
    ({ detector, anchor }) =>
      !GENERAL_ANCHORS.has(detector) && (anchor.pattern.length >= 5 || /[-_.$]/.test(anchor.pattern)),
  ).map((entry) => entry.anchor),
);

/** Priority of the generic detectors (assignments, high entropy). */
const GENERIC_PRIORITY = 1;

/** Every candidate of every detector, before overlaps are resolved (exposed for tests). */
export function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  const emit = (candidate: Candidate): void => {
    candidates.push(candidate);
  };
  for (const detector of ANCHORED) detector.begin?.(text);
  scanAnchors(TRIE, text, (index, start) => {
    const entry = FLAT[index]!;
    entry.detector.onAnchor(text, start, entry.local, emit);
  });
  for (const pass of PASSES) pass.scan(text, emit);
  return candidates.filter(
    (c) =>
      providerOf(c.detector).priority > GENERIC_PRIORITY ||
      !startsWithAnchor(PROVIDER_PREFIXES, text, c.start),
  );
}

/**
 * Finds credentials in `text` (control C19, OWASP LLM02): provider tokens by their published
 * formats and checksums, JWTs, private keys, URLs and assignments with passwords, and high-entropy
 * strings next to a key word. Matches do not overlap, are sorted by position, and carry a keyed
 * fingerprint of the secret instead of the secret. Linear in the length of `text`.
 */
export function detectSecrets(text: string, options: DetectSecretsOptions = {}): OutputMatch[] {
  if (typeof text !== 'string') throw new TypeError('detectSecrets: text must be a string');
  const minConfidence = options.minConfidence ?? 0;
  const kept = resolveOverlaps(findCandidates(text)).filter((c) => c.confidence >= minConfidence);
  if (kept.length === 0) return [];
  const key = resolveFingerprintKey(options.fingerprintKey);
  return kept.map((c) => ({
    type: `secret:${providerOf(c.detector).provider}`,
    start: c.start,
    end: c.end,
    confidence: c.confidence,
    label: SECRET_LABEL,
    fingerprint: fingerprint(c.value ?? text.slice(c.start, c.end), key),
  }));
}
