import { createHash } from 'node:crypto';
import { canonicalJson, createSigner, generateSigningKeyPem } from '../../src/ledger/index.js';
import { formatDuration } from '../lib/format.js';
import type { Section } from '../lib/report.js';
import { summarize } from '../lib/stats.js';
import { benchContext, benchExecutor, benchTools } from './harness.js';
import type { ExecSettings } from './settings.js';

async function timeAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, n); i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return summarize(samples).p50;
}

function timeSync(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(500, n); i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return summarize(samples).p50;
}

/** What one auto read costs, step by step (each step timed alone, so they need not add up exactly). */
export async function measureBreakdown(settings: ExecSettings): Promise<Section> {
  const bench = await benchExecutor('memory');
  const n = settings.samples;
  try {
    const read = benchTools()[0];
    if (read === undefined) throw new Error('no read tool');
    const args = { id: 'r-1', fields: ['name', 'email'] };
    const signer = createSigner(generateSigningKeyPem());
    const rows: Array<[string, number]> = [
      ['argument check (zod)', timeSync(n, () => read.input.safeParse(args))],
      [
        'argument hash (canonical JSON, SHA-256)',
        timeSync(n, () => createHash('sha256').update(canonicalJson(args)).digest('hex')),
      ],
      [
        'policy decision (50-policy deployment, sliced)',
        timeSync(n, () =>
          bench.policy.decide({
            principal: { kind: 'agent', id: 'agent-1', tenant: 'acme' },
            tool: 'bench.read',
            args,
            tenant: 'acme',
          }),
        ),
      ],
      ['receipt signature (Ed25519)', timeSync(n, (i) => signer.sign(Buffer.from(`receipt ${i}`)))],
      [
        'one ledger event, committed (logRiskEvent, alone)',
        await timeAsync(n, (i) =>
          bench.ledger.logRiskEvent({
            tenantId: 'acme',
            type: 'receipt',
            severity: 'info',
            detector: 'bench',
            attributes: { i },
          }),
        ),
      ],
      [
        'two ledger events, committed together',
        await timeAsync(n, (i) =>
          Promise.all([
            bench.ledger.logRiskEvent({
              tenantId: 'acme',
              type: 'receipt',
              severity: 'info',
              detector: 'bench',
              attributes: { i },
            }),
            bench.ledger.logRiskEvent({
              tenantId: 'acme',
              type: 'tool_result',
              severity: 'info',
              detector: 'bench',
              attributes: { i },
            }),
          ]),
        ),
      ],
      [
        'whole propose (auto read)',
        await timeAsync(n, (i) =>
          bench.executor.propose(
            { tool: 'bench.read', args: { id: `r-${i % 50}`, fields: [] } },
            benchContext,
          ),
        ),
      ],
    ];
    return {
      title: 'Where the time of an auto read goes (p50 of each step alone, PGlite in memory)',
      table: {
        columns: [{ header: 'step' }, { header: 'p50', align: 'right' }],
        rows: rows.map(([label, ns]) => [label, formatDuration(ns)]),
      },
    };
  } finally {
    await bench.close();
  }
}
