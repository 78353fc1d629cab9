import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LANES, type Lane } from '../core/index.js';
import { invalidOptionsFromZod } from '../errors/index.js';
import { canonicalJson } from '../ledger/index.js';
import { TOOL_EFFECTS, type ToolEffect } from '../policy/index.js';

/** What a tool's `run` receives besides its validated arguments. */
export interface ToolRunContext {
  /** Aborted at the tool's deadline or when the caller gives up: stop the work when it fires. */
  readonly signal: AbortSignal;
  readonly tenantId: string;
  readonly principal: string;
  readonly agentId: string | undefined;
  /** The receipt written before this run; pass it on to the system you call, for its own audit. */
  readonly receiptId: string;
  readonly idempotencyKey: string | undefined;
  /** 1 for the first attempt; higher only for idempotent tools that are retried. */
  readonly attempt: number;
}

export interface RetrySpec {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** What `defineTool` takes. */
export interface ToolSpec<I extends z.ZodType, O extends z.ZodType> {
  /** Lower-case, the name the policy set declares as `Maestro::Action::"tool:<name>"`. */
  readonly name: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly effect: ToolEffect;
  readonly timeoutMs: number;
  /** Retries with backoff; allowed only for idempotent tools. */
  readonly retry?: RetrySpec;
  /** Running it twice with the same arguments has the effect of running it once. */
  readonly idempotent: boolean;
  /** The external system it calls: one circuit breaker and one bulkhead each. Default: the tool's name. */
  readonly integration?: string;
  /** Cost units charged to the task and tenant budgets per call (default 1). */
  readonly cost?: number;
  /** A floor for this tool's lane, stricter than its effect's default (e.g. `confirm`). */
  readonly lane?: Lane;
  readonly run: (args: z.output<I>, context: ToolRunContext) => Promise<z.input<O>>;
}

/** A declared tool: the spec, checked and frozen, with its JSON Schemas and fingerprint. */
export interface Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType>
  extends Omit<ToolSpec<I, O>, 'integration' | 'cost'> {
  readonly integration: string;
  readonly cost: number;
  readonly inputJsonSchema: Readonly<Record<string, unknown>>;
  readonly outputJsonSchema: Readonly<Record<string, unknown>>;
  /** SHA-256 of the tool's name, description, schemas and execution settings. */
  readonly fingerprint: string;
}

export const TOOL_NAME = /^[a-z][a-z0-9_.-]{0,63}$/;
const INTEGRATION = /^[a-z][a-z0-9_.:-]{0,63}$/;
export const MAX_TOOL_TIMEOUT_MS = 600_000;

const isFunction = (v: unknown) => typeof v === 'function';
const isZodType = (v: unknown) => v instanceof z.ZodType;

const retrySchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(10),
    initialDelayMs: z.number().int().min(1).max(60_000),
    maxDelayMs: z.number().int().min(1).max(600_000),
  })
  .refine((r) => r.maxDelayMs >= r.initialDelayMs, { message: 'maxDelayMs must be ≥ initialDelayMs' });

const toolSpecSchema = z
  .strictObject({
    name: z.string().regex(TOOL_NAME, 'expected a lower-case name of at most 64 characters'),
    description: z.string().min(1).max(4096),
    input: z.custom<z.ZodType>(isZodType, { message: 'expected a zod schema' }),
    output: z.custom<z.ZodType>(isZodType, { message: 'expected a zod schema' }),
    effect: z.enum(TOOL_EFFECTS),
    timeoutMs: z.number().int().min(1).max(MAX_TOOL_TIMEOUT_MS),
    retry: retrySchema.optional(),
    idempotent: z.boolean(),
    integration: z
      .string()
      .regex(INTEGRATION, 'expected a lower-case name of at most 64 characters')
      .optional(),
    cost: z.number().finite().min(0).max(1_000_000).optional(),
    lane: z.enum(LANES).optional(),
    run: z.custom<ToolSpec<z.ZodType, z.ZodType>['run']>(isFunction, { message: 'expected a function' }),
  })
  // Retrying a call that is not idempotent could pay an invoice twice.
  .refine((spec) => spec.retry === undefined || spec.idempotent, {
    message: 'retry is allowed only for idempotent tools',
    path: ['retry'],
  });

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // Transforms and other types JSON Schema cannot express become {} rather than failing.
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * Declares a tool. The spec is checked at once (ERR_INVALID_OPTIONS naming the key), and the
 * tool is frozen: its schemas, settings and `run` cannot be swapped after it is registered.
 */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(spec: ToolSpec<I, O>): Tool<I, O> {
  const parsed = toolSpecSchema.safeParse(spec);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const inputJsonSchema = deepFreeze(jsonSchemaOf(spec.input));
  const outputJsonSchema = deepFreeze(jsonSchemaOf(spec.output));
  const integration = spec.integration ?? spec.name;
  const cost = spec.cost ?? 1;
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        name: spec.name,
        description: spec.description,
        effect: spec.effect,
        idempotent: spec.idempotent,
        timeoutMs: spec.timeoutMs,
        retry: spec.retry ?? null,
        integration,
        cost,
        lane: spec.lane ?? null,
        input: inputJsonSchema,
        output: outputJsonSchema,
      }),
    )
    .digest('hex');
  return Object.freeze({
    ...spec,
    retry: spec.retry === undefined ? undefined : Object.freeze({ ...spec.retry }),
    integration,
    cost,
    inputJsonSchema,
    outputJsonSchema,
    fingerprint,
  });
}
