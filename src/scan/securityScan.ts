import { type Finding, type Lane, type Source, strictestLane } from '../core/index.js';
import { SCAN_FAILED_REFS } from './categories.js';
import { detectInjection, type InjectionDetection } from './detectInjection.js';
import { routeLane } from './lanes.js';
import { sanitizeInput } from './sanitize.js';
import type { ChatMessage, ScanInput, ScanOptions, ScanResult } from './types.js';
import { type ValidatedInput, validateInput } from './validate.js';

const ROLE_SOURCE: Readonly<Record<ChatMessage['role'], Source | undefined>> = {
  user: undefined, // the caller's source (default user)
  system: 'system',
  developer: 'system',
  assistant: 'agent',
  tool: 'tool',
  function: 'tool',
};

/** The kill switch: `MAESTRO_ENABLED=false` in the environment, or `enabled: false`. */
export function isScanDisabled(options: ScanOptions): boolean {
  return options.enabled === false || process.env['MAESTRO_ENABLED'] === 'false';
}

function describe(lane: Lane, score: number, findings: readonly Finding[]): string {
  if (lane === 'auto') return `No injection indicators above the threshold (score ${score.toFixed(2)}).`;
  const categories = [...new Set(findings.map((f) => f.category))].join(', ');
  const action = lane === 'block' ? 'Blocked' : 'Needs confirmation';
  return `${action}: score ${score.toFixed(2)}${categories ? `; indicators: ${categories}` : ''}.`;
}

function failClosed(validated: ValidatedInput, source: Source): ScanResult {
  const finding: Finding = {
    detector: 'maestro:ERR_SCAN_FAILED',
    category: 'scan_failed',
    severity: 'high',
    evidence: 'The scan could not complete; the input was blocked (fail closed).',
    refs: SCAN_FAILED_REFS,
  };
  return {
    lane: 'block',
    score: 1,
    findings: [finding],
    sanitized: validated.kind === 'text' ? '' : [],
    source,
    reason: 'Blocked: ERR_SCAN_FAILED — the scan could not complete, so the input does not proceed.',
    components: { rules: 0, model: 0 },
  };
}

function disabled(validated: ValidatedInput, source: Source): ScanResult {
  return {
    lane: 'confirm',
    score: 0,
    findings: [],
    sanitized:
      validated.kind === 'text'
        ? sanitizeInput(validated.text).text
        : validated.messages.map((m) => ({ ...m, content: sanitizeInput(m.content).text })),
    source,
    reason:
      'Detection is switched off (kill switch: MAESTRO_ENABLED=false or enabled: false); every input needs confirmation.',
    components: { rules: 0, model: 0 },
  };
}

/**
 * The input side of layers 1 and 2: validate, detect, sanitize, route. Invalid input or
 * options throw a `MaestroError` with a stable code; an internal failure returns `block`
 * with an ERR_SCAN_FAILED finding — never a pass. Synchronous, no I/O.
 */
export function securityScan(input: ScanInput, options?: ScanOptions): ScanResult {
  const validated = validateInput(input, options);
  const { source } = validated.options;
  const raw = validated.options.raw;
  if (isScanDisabled(raw)) return disabled(validated, source);
  try {
    return validated.kind === 'text'
      ? scanText(validated.text, source, raw)
      : scanMessages(validated.messages, source, raw);
  } catch {
    return failClosed(validated, source);
  }
}

function scanText(text: string, source: Source, options: ScanOptions): ScanResult {
  const detection = detectInjection(text, {
    source,
    ...(options.classifier ? { classifier: options.classifier } : {}),
  });
  const lane = routeLane(detection.score, source, options.thresholds);
  return {
    lane,
    score: detection.score,
    findings: detection.findings,
    sanitized: sanitizeInput(text).text,
    source,
    reason: describe(lane, detection.score, detection.findings),
    components: { rules: detection.ruleScore, model: detection.modelScore },
  };
}

/**
 * Every message is scanned with the source its role implies, and the non-system turns are
 * also scanned joined, so an attack spread over several turns is still seen whole.
 */
function scanMessages(messages: readonly ChatMessage[], source: Source, options: ScanOptions): ScanResult {
  const classifier = options.classifier ? { classifier: options.classifier } : {};
  const lanes: Lane[] = [];
  const findings: Finding[] = [];
  let best: InjectionDetection | undefined;
  messages.forEach((message, index) => {
    const messageSource = ROLE_SOURCE[message.role] ?? source;
    const detection = detectInjection(message.content, {
      source: messageSource,
      message: index,
      ...classifier,
    });
    lanes.push(routeLane(detection.score, messageSource, options.thresholds));
    findings.push(...detection.findings);
    if (best === undefined || detection.score > best.score) best = detection;
  });
  const turns = messages.filter((m) => m.role !== 'system' && m.role !== 'developer');
  if (turns.length > 1) {
    const joined = turns.map((m) => m.content).join('\n');
    const detection = detectInjection(joined, { source, ...classifier });
    const seen = new Set(findings.map((f) => f.detector));
    const fresh = detection.findings.filter((f) => !seen.has(f.detector));
    if (fresh.length > 0 || detection.score > (best?.score ?? 0)) {
      lanes.push(routeLane(detection.score, source, options.thresholds));
      findings.push(
        ...fresh.map(({ span: _span, ...f }) => ({ ...f, detector: `${f.detector}:multi-turn` })),
      );
      if (best === undefined || detection.score > best.score) best = detection;
    }
  }
  const lane = strictestLane(...lanes);
  const score = best?.score ?? 0;
  return {
    lane,
    score,
    findings,
    sanitized: messages.map((m) => ({ ...m, content: sanitizeInput(m.content).text })),
    source,
    reason: describe(lane, score, findings),
    components: { rules: best?.ruleScore ?? 0, model: best?.modelScore ?? 0 },
  };
}
