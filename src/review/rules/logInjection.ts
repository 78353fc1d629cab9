import type { Call } from '../model/sourceModel.js';
import type { RawFinding, Rule } from '../rule.js';

const LOG_METHODS = new Set([
  'debug',
  'info',
  'warn',
  'warning',
  'error',
  'exception',
  'critical',
  'log',
  'trace',
  'fatal',
]);
const LOGGERS =
  /^(console|logger|log|logging|LOGGER|_logger|_log|self\.logger|self\.log|this\.logger|this\.log|app\.logger|fastify\.log|req\.log|request\.log)$/;

/** A logging call. Python's print is the console UI of scripts and examples, not logging (L4-003 covers logging by print). */
export function isLogCall(call: Call): boolean {
  const at = call.callee.lastIndexOf('.');
  return at > 0 && LOG_METHODS.has(call.callee.slice(at + 1)) && LOGGERS.test(call.callee.slice(0, at));
}

export const logInjection: Rule = {
  meta: {
    id: 'MAESTRO-L4-001',
    layer: 4,
    severity: 'medium',
    checklist: 'L4.1',
    title: 'Untrusted input is interpolated into a log message',
    description:
      'A log line is built by splicing in text a user, a tool or a document supplied. Newlines and look-alike fields forge log entries and mislead whoever reads them (log injection), and the raw text may carry secrets or PII into the logs.',
    mitigation:
      'Log with a structured logger and pass untrusted values as fields (logger.info("scan", extra={...}), pino’s log.info({ field }, "msg")), escaped and length-limited.',
    threat: 'Log injection',
    refs: {
      layer: 4,
      owaspAgentic: ['T8'],
      controls: ['C9', 'C20'],
      threats: ['T7'],
      nist: ['MEASURE'],
      iso: ['A.6.2.8'],
    },
    examples: {
      language: 'python',
      vulnerable: 'logger.info(f"user asked: {user_input}")',
      fixed: 'logger.info("user asked", extra={"chars": len(user_input)})',
    },
  },
  checkSource({ model, functions }) {
    const out: RawFinding[] = [];
    for (const { fn, flow } of functions) {
      for (const call of fn.calls) {
        if (!isLogCall(call)) continue;
        if (call.args.some((a) => flow.hasInterpolatedTaint(a))) {
          out.push({
            file: model.file,
            span: call.span,
            message: `Untrusted input is interpolated into ${call.callee}(...).`,
          });
        }
      }
    }
    return out;
  },
};
