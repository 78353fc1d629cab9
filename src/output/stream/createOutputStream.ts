import type { Finding, Lane } from '../../core/index.js';
import { strictestLane } from '../../core/index.js';
import { resolveOutputOptions, type ScanOutputOptions } from '../options.js';
import { scanOutput } from '../scanOutput.js';
import { OutputBlockedError } from './OutputBlockedError.js';

export interface OutputStreamOptions extends ScanOutputOptions {
  /**
   * Characters held back at the end of the unreleased text, so a secret or PII value split
   * across chunks is seen whole before any of it is released. Must exceed the longest value a
   * detector matches on one line (default 256).
   */
  readonly holdBack?: number;
  /** The most text ever held (an unfinished private key block, say); beyond it the stream fails closed. Default 16 KiB. */
  readonly maxHold?: number;
  /**
   * Characters that must wait beyond `holdBack` before the guard scans and releases again
   * (default 64). Nothing is released unscanned either way; a larger step scans less often, at
   * the cost of text reaching the reader in larger pieces.
   */
  readonly releaseStep?: number;
}

/** What a guarded stream found so far. */
export interface OutputStreamReport {
  readonly lane: Lane;
  readonly findings: readonly Finding[];
  readonly blocked: boolean;
  /** Characters of (redacted) output released downstream. */
  readonly released: number;
}

export interface GuardedOutputStream extends TransformStream<string, string> {
  report(): OutputStreamReport;
}

/** The synchronous guard: see `createOutputGuard`. */
export interface OutputGuard {
  /** Takes the next chunk; returns what may be released now (often ''). Throws `OutputBlockedError`. */
  push(chunk: string): string;
  /** The output is complete: returns the rest. Throws `OutputBlockedError`. */
  end(): string;
  report(): OutputStreamReport;
}

const PEM_BEGIN = '-----BEGIN';
const PEM_END = '-----END';

function shift(findings: readonly Finding[], offset: number): Finding[] {
  return findings.map((f) =>
    f.span ? { ...f, span: { ...f.span, start: f.span.start + offset, end: f.span.end + offset } } : f,
  );
}

/**
 * Where the unreleased text may be cut: before the held-back tail, never inside a match, an
 * unfinished private-key block, a markdown/HTML construct that has not closed yet, or a
 * surrogate pair.
 */
function releasePoint(
  pending: string,
  holdBack: number,
  matchSpans: ReadonlyArray<{ start: number; end: number }>,
  markup: boolean,
): number {
  let cut = Math.max(0, pending.length - holdBack);
  for (const span of matchSpans) if (span.start < cut && span.end > cut) cut = span.start;
  const begin = pending.lastIndexOf(PEM_BEGIN, cut);
  if (begin >= 0 && pending.indexOf(PEM_END, begin) < 0) cut = Math.min(cut, begin);
  if (markup && cut > 0) {
    const open = Math.max(pending.lastIndexOf('[', cut - 1), pending.lastIndexOf('<', cut - 1));
    const close = Math.max(pending.lastIndexOf(')', cut - 1), pending.lastIndexOf('>', cut - 1));
    if (open > close) cut = Math.min(cut, open > 0 && pending[open - 1] === '!' ? open - 1 : open);
  }
  const unit = pending.charCodeAt(cut - 1);
  if (cut > 0 && unit >= 0xd800 && unit <= 0xdbff) cut--;
  return cut;
}

/**
 * The guard behind `createOutputStream`, without the stream: `push` takes each chunk and returns
 * the (redacted) text that may be released now, `end` releases the rest. Text is released once
 * it cannot become part of a finding any more; the last `holdBack` characters wait for the next
 * chunk. When output must stop, `push`/`end` throw `OutputBlockedError` and the guard releases
 * nothing more. Synchronous, so a proxy can rewrite each event of a stream in place.
 */
export function createOutputGuard(options: OutputStreamOptions = {}): OutputGuard {
  const { holdBack = 256, maxHold = 16 * 1024, releaseStep = 64, ...scanOptions } = options;
  const resolved = resolveOutputOptions(scanOptions);
  const markup = resolved.sink === 'markdown' || resolved.sink === 'html';
  let pending = '';
  let consumed = 0;
  let released = 0;
  let blocked = false;
  /**
   * Set while the unreleased text starts with a private-key block whose END has not arrived:
   * nothing of it can be released before then, so chunks are only searched for the END marker
   * (from `pemSearchFrom`) instead of rescanning the whole held block each time.
   */
  let waitingForPemEnd = false;
  let pemSearchFrom = 0;
  const findings: Finding[] = [];
  const lanes: Lane[] = [];

  const stop = (why: readonly Finding[]): never => {
    blocked = true;
    lanes.push('block');
    findings.push(...why);
    pending = '';
    throw new OutputBlockedError(why, released);
  };

  const awaitPemEnd = () => {
    waitingForPemEnd = pending.startsWith(PEM_BEGIN) && pending.indexOf(PEM_END) < 0;
    pemSearchFrom = pending.length;
  };

  const release = (end: boolean): string => {
    const whole = scanOutput(pending, resolved);
    if (whole.lane === 'block') return stop(shift(whole.findings, consumed));
    const cut = end ? pending.length : releasePoint(pending, holdBack, whole.matches, markup);
    if (!end && cut === 0 && pending.length > maxHold) {
      return stop([
        {
          detector: 'maestro:stream-hold-exceeded',
          category: 'unsafe_output',
          severity: 'high',
          evidence: `More than ${maxHold} characters could not be released safely.`,
          refs: { layer: 1, controls: ['C19', 'C23'], threats: ['T4'] },
        },
      ]);
    }
    if (cut === 0) {
      awaitPemEnd();
      return '';
    }
    const part = cut === pending.length ? whole : scanOutput(pending.slice(0, cut), resolved);
    if (part.lane === 'block') return stop(shift(part.findings, consumed));
    findings.push(...shift(part.findings, consumed));
    lanes.push(part.lane);
    released += part.redacted.length;
    consumed += cut;
    pending = pending.slice(cut);
    awaitPemEnd();
    return part.redacted;
  };

  // Anything unexpected inside the scan stops the output too (fail closed).
  const guarded = (end: boolean): string => {
    try {
      return release(end);
    } catch (error) {
      if (error instanceof OutputBlockedError) throw error;
      return stop(failure());
    }
  };

  return {
    push(chunk) {
      if (blocked) throw new OutputBlockedError([], released);
      pending += chunk;
      // Too little to release yet: scanning now would only be repeated with the next chunk.
      if (pending.length < holdBack + releaseStep) return '';
      if (waitingForPemEnd && pending.length <= maxHold) {
        const end = pending.indexOf(PEM_END, Math.max(0, pemSearchFrom - PEM_END.length));
        pemSearchFrom = pending.length;
        if (end < 0) return '';
        waitingForPemEnd = false;
      }
      return guarded(false);
    },
    end() {
      if (blocked) throw new OutputBlockedError([], released);
      return pending.length === 0 ? '' : guarded(true);
    },
    report: () => ({ lane: strictestLane(...lanes), findings: [...findings], blocked, released }),
  };
}

/**
 * A web `TransformStream` that guards streamed model output chunk by chunk (tokens as they
 * arrive), with `createOutputGuard`. When output must stop (a secret, with `onSecret: 'block'`;
 * dangerous content for a shell or SQL sink), nothing from the offending point on is released
 * and the stream errors with `OutputBlockedError` (`ERR_OUTPUT_BLOCKED`); `report()` says why.
 * Redaction and neutralisation apply as in `scanOutput`.
 */
export function createOutputStream(options: OutputStreamOptions = {}): GuardedOutputStream {
  const guard = createOutputGuard(options);
  const forward = (controller: TransformStreamDefaultController<string>, step: () => string) => {
    try {
      const text = step();
      if (text.length > 0) controller.enqueue(text);
    } catch (error) {
      controller.error(error);
    }
  };
  const stream = new TransformStream<string, string>({
    transform(chunk, controller) {
      if (guard.report().blocked) return;
      if (typeof chunk !== 'string') {
        controller.error(new TypeError('createOutputStream: chunks must be strings (decode bytes first).'));
        return;
      }
      forward(controller, () => guard.push(chunk));
    },
    flush(controller) {
      if (guard.report().blocked) return;
      forward(controller, () => guard.end());
    },
  });
  return Object.assign(stream, { report: () => guard.report() });
}

function failure(): Finding[] {
  return [
    {
      detector: 'maestro:ERR_OUTPUT_SCAN_FAILED',
      category: 'scan_failed',
      severity: 'high',
      evidence: 'The output guard could not complete; the stream was stopped (fail closed).',
      refs: { layer: 1, controls: ['C19', 'C23'], threats: ['T4'] },
    },
  ];
}
