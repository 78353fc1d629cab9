import { z } from 'zod';
import { LANES, type Lane } from '../core/index.js';
import { invalidOptionsFromZod } from '../errors/index.js';
import type { PolicyEntity, PolicyResource } from '../policy/index.js';

/** What an agent asks for: a tool, its arguments, what it touches, and an optional idempotency key. */
export interface Intent {
  readonly tool: string;
  /** Checked against the tool's input schema before anything else. */
  readonly args: unknown;
  /** What the call touches, for the policy; default the tool itself. */
  readonly resource?: PolicyResource;
  /** Further entities policies may read (a resource's owner, its folder). */
  readonly entities?: readonly PolicyEntity[];
  /** The same key with the same arguments returns the first call's result without running again. */
  readonly idempotencyKey?: string;
}

/** Who proposes, in which tenant, how risky the conversation is, and under which grant and task. */
export interface ExecContext {
  readonly tenantId: string;
  /** The user or agent the call is made for; `claims` are its identity token's claims. */
  readonly principal: {
    readonly id: string;
    readonly kind: 'agent' | 'user';
    readonly claims?: Readonly<Record<string, unknown>>;
    readonly attributes?: Readonly<Record<string, unknown>>;
  };
  /** The agent that proposes (the grant's subject when a grant is given). */
  readonly agentId?: string;
  readonly traceId?: string;
  /** The input scan of the conversation so far: its lane and score (0..1). */
  readonly scan?: { readonly lane: Lane; readonly score: number };
  /** A delegation grant token: the call must fall inside it. */
  readonly grant?: string;
  /** The task the call belongs to (from `executor.startTask`): its budget is charged. */
  readonly taskId?: string;
  /** Give up waiting (the tool's signal is aborted too). */
  readonly signal?: AbortSignal;
}

const ID = z
  .string()
  .min(1)
  .max(256)
  .refine(
    (s) => s.isWellFormed() && !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s),
    'must not contain control or format characters',
  );
const TENANT = ID.refine((s) => s.length <= 128, 'must be at most 128 characters');
const record = z.record(z.string().max(128), z.unknown());

export const intentSchema = z.strictObject({
  tool: z.string().min(1).max(64),
  args: z.unknown(),
  resource: z
    .strictObject({
      type: z.string().min(1).max(256),
      id: ID,
      tenant: TENANT.optional(),
      attributes: record.optional(),
      parents: z
        .array(z.strictObject({ type: z.string().min(1).max(256), id: ID }))
        .max(32)
        .optional(),
    })
    .optional(),
  entities: z
    .array(
      z.strictObject({
        type: z.string().min(1).max(256),
        id: ID,
        attributes: record.optional(),
        parents: z
          .array(z.strictObject({ type: z.string().min(1).max(256), id: ID }))
          .max(32)
          .optional(),
      }),
    )
    .max(64)
    .optional(),
  idempotencyKey: ID.optional(),
});

export const execContextSchema = z.strictObject({
  tenantId: TENANT,
  principal: z.strictObject({
    id: ID,
    kind: z.enum(['agent', 'user']),
    claims: record.optional(),
    attributes: record.optional(),
  }),
  agentId: ID.optional(),
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  scan: z.strictObject({ lane: z.enum(LANES), score: z.number().min(0).max(1) }).optional(),
  grant: z.string().min(1).max(16_384).optional(),
  taskId: ID.optional(),
  signal: z
    .custom<AbortSignal>((v) => v instanceof AbortSignal, { message: 'expected an AbortSignal' })
    .optional(),
});

/** Checks the intent and context shapes (not the arguments: those belong to the tool's schema). */
export function parseIntent(intent: unknown, context: unknown): { intent: Intent; context: ExecContext } {
  const i = intentSchema.safeParse(intent);
  if (!i.success) throw invalidOptionsFromZod(i.error);
  const c = execContextSchema.safeParse(context);
  if (!c.success) throw invalidOptionsFromZod(c.error);
  return { intent: i.data as Intent, context: c.data as ExecContext };
}
