import type { Finding } from '../../core/index.js';
import { MaestroError } from '../../errors/index.js';

/** Raised into a guarded stream when output must stop; carries the findings, never the text. */
export class OutputBlockedError extends MaestroError {
  readonly findings: readonly Finding[];
  /** How many characters of output had been released before the stop. */
  readonly released: number;

  constructor(findings: readonly Finding[], released: number) {
    const kinds = [...new Set(findings.map((f) => f.detector))].join(', ');
    super('ERR_OUTPUT_BLOCKED', {
      message: `The output was stopped by the output guard${kinds ? `: ${kinds}` : ''}.`,
    });
    this.name = 'OutputBlockedError';
    this.findings = findings;
    this.released = released;
  }
}
