import { randomBytes } from 'node:crypto';
import { type Finding, type Lane, type Severity, strictestLane, utf8ByteLength } from '../core/index.js';
import { InputTooLargeError, InvalidInputError } from '../errors/index.js';
import { redactedToOriginal } from './offsets.js';
import { DEFAULT_OUTPUT_MAX_BYTES, resolveOutputOptions, type ScanOutputOptions } from './options.js';
import { detectPii } from './pii/index.js';
import { redact } from './redact/index.js';
import { LEAK_REFS, OUTPUT_FAILED_REFS, SINK_REFS, UNSAFE_REFS } from './refs.js';
import { detectSecrets, SECRET_REPORT_THRESHOLD } from './secrets/index.js';
import type { OutputMatch, OutputScanResult, Sink } from './types.js';
import { applyEdits } from './unsafe/edits.js';
import { neutraliseUnsafe, unsafeMatchSeverity } from './unsafe/index.js';
import { planInvisible } from './unsafe/invisible.js';

/** Environment variable holding the deployment key for `hash` redaction. */
export const REDACTION_KEY_ENV = 'MAESTRO_REDACTION_KEY';
// Without a configured key, pseudonyms are stable within this process only.
const processRedactionKey = randomBytes(32);

function redactionKey(options: ScanOutputOptions): string | Uint8Array {
  return options.redactionKey ?? process.env[REDACTION_KEY_ENV] ?? processRedactionKey;
}

const EXECUTABLE_SINKS: ReadonlySet<Sink> = new Set<Sink>(['shell', 'sql']);

function laneFor(action: 'block' | 'confirm' | 'redact'): Lane {
  return action === 'redact' ? 'auto' : action;
}

/** Unsafe content: where it is executed as is, it stops; where it was neutralised, only the worst asks a person. */
function unsafeLane(severity: Severity, sink: Sink): Lane {
  if (EXECUTABLE_SINKS.has(sink))
    return severity === 'critical' || severity === 'high'
      ? 'block'
      : severity === 'medium'
        ? 'confirm'
        : 'auto';
  return severity === 'critical' ? 'confirm' : 'auto';
}

function providerName(type: string): string {
  return type.slice(type.indexOf(':') + 1);
}

/**
 * The output guard (controls C19 and C23, threat T4, OWASP LLM02 and LLM05): every text a
 * model or agent produces passes here before it reaches a person, a renderer or a tool.
 * 1. hidden characters are stripped (so a key split by zero-width spaces is still seen);
 * 2. secrets (provider formats with their checksums, private keys, credentials in URLs and
 *    config, high-entropy keys) and PII are found and redacted (`mask`, `hash`, `remove` or
 *    `tokenize` through a request-scoped vault);
 * 3. what the sink would render or execute is neutralised (HTML, markdown exfiltration,
 *    terminal escapes) or flagged (shell, SQL).
 * Spans are offsets in the input. Invalid input throws a `MaestroError`; a failure inside the
 * guard returns `block` with an `ERR_OUTPUT_SCAN_FAILED` finding and an empty `redacted`.
 */
export function scanOutput(text: string, options?: ScanOutputOptions): OutputScanResult {
  const resolved = resolveOutputOptions(options);
  if (typeof text !== 'string') throw new InvalidInputError('Output to scan must be a string.');
  const limit = resolved.maxBytes ?? DEFAULT_OUTPUT_MAX_BYTES;
  const bytes = utf8ByteLength(text, limit);
  if (bytes > limit) throw new InputTooLargeError(bytes, limit);
  if (!text.isWellFormed()) throw new InvalidInputError('Output contains a lone UTF-16 surrogate.');
  if (resolved.enabled === false || process.env['MAESTRO_ENABLED'] === 'false') {
    return {
      lane: 'confirm',
      findings: [],
      matches: [],
      redacted: text,
    };
  }
  try {
    return guard(text, resolved);
  } catch {
    return {
      lane: 'block',
      findings: [
        {
          detector: 'maestro:ERR_OUTPUT_SCAN_FAILED',
          category: 'scan_failed',
          severity: 'high',
          evidence: 'The output guard could not complete; the output was withheld (fail closed).',
          refs: OUTPUT_FAILED_REFS,
        },
      ],
      matches: [],
      redacted: '',
    };
  }
}

function guard(text: string, options: ScanOutputOptions): OutputScanResult {
  const sink: Sink = options.sink ?? 'text';
  const invisible = planInvisible(text);
  const visible = applyEdits(text, invisible.edits);
  const toInput = (offset: number) => visible.toInput(offset);

  const leaks: OutputMatch[] = [];
  if (options.secrets !== false) {
    leaks.push(
      ...detectSecrets(
        visible.text,
        options.fingerprintKey === undefined ? {} : { fingerprintKey: options.fingerprintKey },
      ),
    );
  }
  if (options.pii !== false) {
    // A secret outranks PII on the same characters: a password that looks like an email
    // address inside a connection string is redacted as the secret it is.
    const secrets = [...leaks];
    const overlapsSecret = (m: OutputMatch) => secrets.some((s) => m.start < s.end && s.start < m.end);
    leaks.push(
      ...detectPii(visible.text, Array.isArray(options.pii) ? { entities: options.pii } : {}).filter(
        (m) => !overlapsSecret(m),
      ),
    );
  }
  const mode = options.redaction ?? 'mask';
  const redacted = redact(visible.text, leaks, {
    mode,
    ...(mode === 'hash' ? { key: redactionKey(options) } : {}),
    ...(options.vault === undefined ? {} : { vault: options.vault }),
  });
  const neutralised = neutraliseUnsafe(redacted.text, {
    sink,
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  });
  const fromRedacted = redactedToOriginal(redacted.replacements);

  const matches: OutputMatch[] = [];
  const findings: Finding[] = [];
  const lanes: Lane[] = [];
  for (const m of leaks) {
    const span = { start: toInput(m.start), end: toInput(m.end) };
    matches.push({ ...m, ...span });
    const secret = m.type.startsWith('secret:');
    const strong = !secret || m.confidence >= SECRET_REPORT_THRESHOLD;
    lanes.push(
      strong ? laneFor(secret ? (options.onSecret ?? 'block') : (options.onPii ?? 'redact')) : 'auto',
    );
    findings.push({
      detector: m.type,
      category: secret ? 'secret' : 'pii',
      severity: secret ? (strong ? 'critical' : 'medium') : 'medium',
      span,
      evidence: secret
        ? `${providerName(m.type)} credential${m.fingerprint ? ` (fingerprint ${m.fingerprint.slice(0, 16)})` : ''}`
        : `${m.label} redacted (${mode})`,
      refs: LEAK_REFS,
    });
  }
  for (const m of [
    ...invisible.matches,
    ...neutralised.matches.filter((u) => !u.type.startsWith('invisible:')),
  ]) {
    const fromInvisible = invisible.matches.includes(m);
    const span = fromInvisible
      ? { start: m.start, end: m.end }
      : { start: toInput(fromRedacted(m.start)), end: toInput(fromRedacted(m.end)) };
    const severity = unsafeMatchSeverity(m.type);
    matches.push({ ...m, ...span });
    lanes.push(unsafeLane(severity, sink));
    findings.push({
      detector: m.type,
      category: m.type.startsWith('sink:') ? 'unsafe_sink' : 'unsafe_output',
      severity,
      span,
      evidence: `${m.type} ${EXECUTABLE_SINKS.has(sink) ? 'flagged' : 'neutralised'} for the ${sink} sink`,
      refs: m.type.startsWith('sink:') ? SINK_REFS : UNSAFE_REFS,
    });
  }
  matches.sort((a, b) => a.start - b.start || a.end - b.end);
  return { lane: strictestLane(...lanes), findings, matches, redacted: neutralised.text };
}
