import { z } from 'zod';
import { createLedger, type Ledger, type LedgerStore } from '../../ledger/index.js';
import { createPgliteTestDatabase } from '../../ledger/testing/pgliteTestDatabase.js';
import type { TestDatabase } from '../../ledger/testing/testDatabase.js';
import { createPolicyEngine, type PolicyEngine } from '../../policy/index.js';
import { createExecutor, type Executor, type ExecutorOptions } from '../executor.js';
import { createToolRegistry } from '../registry.js';
import { defineTool, type Tool } from '../tool.js';

/** Tools of the tests: a note store (read, write), a delete and a payment. */
export const EXEC_TEST_SCHEMA = `namespace Maestro {
  type PayContext = {
    tenant: String,
    riskPercent: Long,
    scanLane: String,
    time: Long,
    args: { amount: Long, to: String },
  };
  action "tool:notes.read" in [Action::"effect:read"] appliesTo {
    principal: [Agent, User], resource: [Tool], context: Context,
  };
  action "tool:notes.write" in [Action::"effect:write"] appliesTo {
    principal: [Agent, User], resource: [Tool], context: Context,
  };
  action "tool:files.delete" in [Action::"effect:destructive"] appliesTo {
    principal: [Agent, User], resource: [Tool], context: Context,
  };
  action "tool:payments.send" in [Action::"effect:financial"] appliesTo {
    principal: [Agent, User], resource: [Tool], context: PayContext,
  };
}`;

export const EXEC_TEST_POLICIES = `
@id("reads")
permit (principal, action in Maestro::Action::"effect:read", resource)
when { principal.tenant == context.tenant };

@id("writes")
permit (principal, action == Maestro::Action::"tool:notes.write", resource)
when { principal.tenant == context.tenant };

@id("deletes")
permit (principal, action == Maestro::Action::"tool:files.delete", resource)
when { principal.tenant == context.tenant };

@id("pay")
permit (principal, action == Maestro::Action::"tool:payments.send", resource)
when { principal.tenant == context.tenant && context.args.amount <= 10000 };

@id("no-writes-when-risky")
forbid (principal, action in Maestro::Action::"effect:write", resource)
when { context.riskPercent > 80 };
`;

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A clock the test moves by hand. */
export interface FakeClock {
  (): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let now = start;
  const clock = (() => now) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (ms) => {
    now = ms;
  };
  return clock;
}

/** What each tool did, for assertions that it ran (or did not), how often and with what. */
export interface ToolCalls {
  read: unknown[];
  write: unknown[];
  remove: unknown[];
  pay: unknown[];
}

export interface TestTools {
  readonly tools: Tool[];
  readonly calls: ToolCalls;
  /** Set to make notes.write wait for this promise (concurrency tests). */
  writeGate: Promise<void> | undefined;
  /** Called at the start of notes.write with its receipt id (to check the receipt is committed). */
  onWrite: ((receiptId: string) => Promise<void>) | undefined;
}

export function testTools(options: { readonly readDescription?: string } = {}): TestTools {
  const state: TestTools = {
    tools: [],
    calls: { read: [], write: [], remove: [], pay: [] },
    writeGate: undefined,
    onWrite: undefined,
  };
  const notes = new Map<string, string>();
  state.tools.push(
    defineTool({
      name: 'notes.read',
      description: options.readDescription ?? 'Reads a note by id.',
      input: z.strictObject({ id: z.string().min(1).max(64) }),
      output: z.strictObject({ id: z.string(), text: z.string().nullable() }),
      effect: 'read',
      timeoutMs: 1000,
      idempotent: true,
      run: async (args) => {
        state.calls.read.push(args);
        return { id: args.id, text: notes.get(args.id) ?? null };
      },
    }),
    defineTool({
      name: 'notes.write',
      description: 'Writes a note.',
      input: z.strictObject({ id: z.string().min(1).max(64), text: z.string().max(1000) }),
      output: z.strictObject({ ok: z.literal(true), version: z.number().int() }),
      effect: 'write',
      timeoutMs: 1000,
      idempotent: false,
      run: async (args, context) => {
        await state.onWrite?.(context.receiptId);
        state.calls.write.push(args);
        if (state.writeGate !== undefined) await state.writeGate;
        notes.set(args.id, args.text);
        return { ok: true as const, version: state.calls.write.length };
      },
    }),
    defineTool({
      name: 'files.delete',
      description: 'Deletes a file.',
      input: z.strictObject({ path: z.string().min(1).max(256) }),
      output: z.strictObject({ deleted: z.boolean() }),
      effect: 'destructive',
      timeoutMs: 1000,
      idempotent: true,
      run: async (args) => {
        state.calls.remove.push(args);
        return { deleted: true };
      },
    }),
    defineTool({
      name: 'payments.send',
      description: 'Sends a payment.',
      input: z.strictObject({ amount: z.number().int().positive(), to: z.string().min(1).max(64) }),
      output: z.strictObject({ paymentId: z.string() }),
      effect: 'financial',
      timeoutMs: 1000,
      idempotent: false,
      integration: 'bank',
      run: async (args) => {
        state.calls.pay.push(args);
        return { paymentId: `pay-${state.calls.pay.length}` };
      },
    }),
  );
  return state;
}

export function testPolicy(clock?: () => number): PolicyEngine {
  return createPolicyEngine({
    schema: EXEC_TEST_SCHEMA,
    policies: EXEC_TEST_POLICIES,
    ...(clock === undefined ? {} : { clock }),
  });
}

/** The test policy set with one more read tool declared and permitted (by the `reads` policy). */
export function testPolicyWithRead(tool: string): PolicyEngine {
  const extra = `namespace Maestro { action "tool:${tool}" in [Action::"effect:read"] appliesTo { principal: [Agent, User], resource: [Tool], context: Context }; }`;
  return createPolicyEngine({
    schema: [
      { name: 'exec.cedarschema', text: EXEC_TEST_SCHEMA },
      { name: 'extra.cedarschema', text: extra },
    ],
    policies: EXEC_TEST_POLICIES,
  });
}

export interface ExecHarness {
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly store: LedgerStore;
  readonly clock: FakeClock;
  readonly tools: TestTools;
  close(): Promise<void>;
}

/** An executor on a fresh database (PGlite in memory unless another is given) with the test tools. */
export async function execHarness(
  options: Partial<ExecutorOptions> & { database?: TestDatabase; tools?: TestTools; clock?: FakeClock } = {},
): Promise<ExecHarness> {
  const { database: given, tools: givenTools, clock: givenClock, ...rest } = options;
  const database = given ?? (await createPgliteTestDatabase());
  const store = await database.createStore();
  const ledger = createLedger({ store, closeStore: false, queue: { flushMs: 0 } });
  const clock = givenClock ?? fakeClock();
  const tools = givenTools ?? testTools();
  const executor = await createExecutor({
    registry: createToolRegistry(tools.tools),
    policy: testPolicy(clock),
    ledger,
    clock,
    ...rest,
  });
  return {
    executor,
    ledger,
    store,
    clock,
    tools,
    async close() {
      await ledger.close();
      if (given === undefined) await database.drop();
    },
  };
}

export const agent = (id = 'agent:writer', tenantId = 'acme') => ({
  tenantId,
  principal: { id, kind: 'agent' as const },
});
