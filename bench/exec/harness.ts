import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createExecutor, createToolRegistry, defineTool, type Executor } from '../../src/exec/index.js';
import { createLedger, createPgliteStore, type Ledger } from '../../src/ledger/index.js';
import { createPolicyEngine, type PolicyEngine } from '../../src/policy/index.js';
import { scopedDeployment } from '../policy/deployment.js';

/** Where the executor keeps its store in a configuration. */
export type StoreKind = 'memory' | 'data directory';

export interface BenchExecutor {
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly policy: PolicyEngine;
  close(): Promise<void>;
}

/** The tools the suite proposes: a no-op read (the overhead target) and a no-op write. */
export function benchTools() {
  return [
    defineTool({
      name: 'bench.read',
      description: 'Returns its input; does nothing else.',
      input: z.strictObject({ id: z.string().max(64), fields: z.array(z.string().max(32)).max(8) }),
      output: z.strictObject({ id: z.string(), found: z.boolean() }),
      effect: 'read',
      timeoutMs: 1000,
      idempotent: true,
      run: async (args) => ({ id: args.id, found: true }),
    }),
    defineTool({
      name: 'bench.write',
      description: 'Pretends to write; does nothing.',
      input: z.strictObject({ id: z.string().max(64), value: z.string().max(256) }),
      output: z.strictObject({ ok: z.boolean() }),
      effect: 'write',
      timeoutMs: 1000,
      idempotent: false,
      run: async () => ({ ok: true }),
    }),
  ];
}

const BENCH_SCHEMA = `namespace Maestro {
  action "tool:bench.read" in [Action::"effect:read"] appliesTo { principal: [Agent, User], resource: [Tool], context: Context };
  action "tool:bench.write" in [Action::"effect:write"] appliesTo { principal: [Agent, User], resource: [Tool], context: Context };
}`;

const BENCH_POLICIES = `
@id("bench-read") permit (principal, action == Maestro::Action::"tool:bench.read", resource) when { principal.tenant == context.tenant };
@id("bench-write") permit (principal, action == Maestro::Action::"tool:bench.write", resource) when { principal.tenant == context.tenant };
`;

/**
 * An executor as a deployment would have it: the bench tools plus the policy suite's 50-policy
 * deployment (so the decision costs what it would with 50 policies), on PGlite in memory or in a
 * data directory, with the ledger writer's defaults except that a batch starts on the next tick.
 */
export async function benchExecutor(
  kind: StoreKind,
  readReceipts: 'queued' | 'committed' = 'queued',
): Promise<BenchExecutor> {
  const deployment = scopedDeployment(50);
  if (deployment === undefined) throw new Error('no 50-policy deployment');
  const policy = createPolicyEngine({
    schema: [
      { name: 'deployment.cedarschema', text: deployment.schema },
      { name: 'bench.cedarschema', text: BENCH_SCHEMA },
    ],
    policies: [
      { name: 'deployment.cedar', text: deployment.policies },
      { name: 'bench.cedar', text: BENCH_POLICIES },
    ],
  });
  const dir = kind === 'data directory' ? mkdtempSync(join(tmpdir(), 'maestro-bench-exec-')) : undefined;
  const store = await createPgliteStore({ dataDir: dir ?? 'memory://' });
  const ledger = createLedger({ store, queue: { flushMs: 0 } });
  const executor = await createExecutor({
    registry: createToolRegistry(benchTools()),
    policy,
    ledger,
    readReceipts,
  });
  return {
    executor,
    ledger,
    policy,
    async close() {
      await ledger.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const benchContext = {
  tenantId: 'acme',
  principal: { id: 'agent-1', kind: 'agent' as const },
};
