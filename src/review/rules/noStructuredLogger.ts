import type { RawFinding, Rule } from '../rule.js';

/** Structured logging libraries (and the standard library's logging, configured with a JSON formatter or not, counts as a logger). */
const LOGGERS = [
  'pino',
  'winston',
  'bunyan',
  'loglevel',
  'tslog',
  'consola',
  '@opentelemetry/api-logs',
  'structlog',
  'loguru',
  'logging',
  'python-json-logger',
  'pythonjsonlogger',
  'fastify',
];

export const noStructuredLogger: Rule = {
  meta: {
    id: 'MAESTRO-L4-003',
    layer: 4,
    severity: 'low',
    checklist: 'L4.1',
    title: 'The code logs with print / console.log and no logger',
    description:
      'Logs are written with print or console.log and the project uses no logging library: no levels, no fields, no redaction, and nothing a SIEM can parse; what an agent did cannot be reconstructed reliably.',
    mitigation:
      'Use a structured logger (pino or winston in TypeScript, structlog or logging with a JSON formatter in Python) with fields, levels, a trace id and redaction of secrets.',
    threat: 'Repudiation',
    refs: { layer: 4, owaspAgentic: ['T8'], controls: ['C5', 'C20'], nist: ['MEASURE'], iso: ['A.6.2.8'] },
    examples: {
      language: 'python',
      vulnerable: 'print(f"tool {name} called")',
      fixed: 'log = structlog.get_logger()\nlog.info("tool called", tool=name, trace_id=trace_id)',
    },
  },
  checkRepo(repo) {
    const usesLogger = repo.sources.some((s) =>
      s.imports.some(
        (i) =>
          i.module !== undefined &&
          LOGGERS.some(
            (l) => i.module === l || i.module?.startsWith(`${l}/`) || i.module?.startsWith(`${l}.`),
          ),
      ),
    );
    if (usesLogger) return [];
    // One finding per language: the first place it logs without a logger.
    const out: RawFinding[] = [];
    for (const language of ['typescript', 'python'] as const) {
      const first = repo.sources
        .filter((s) => s.language === language)
        .flatMap((s) => s.functions.flatMap((fn) => fn.calls.map((call) => ({ file: s.file, call }))))
        .find(({ call }) => call.callee === 'print' || call.callee.startsWith('console.'));
      if (first !== undefined) {
        out.push({
          file: first.file,
          span: first.call.span,
          message: `Logging with ${first.call.callee} and no logging library in the project.`,
        });
      }
    }
    return out;
  },
};
