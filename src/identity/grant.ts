import { z } from 'zod';

/** Budget limits a grant carries; a limit left out is not enforced (root grants only). */
export interface GrantBudget {
  readonly maxToolCalls?: number;
  readonly maxCost?: number;
  readonly maxSteps?: number;
  readonly maxWallMs?: number;
}

export const GRANT_BUDGET_KEYS = ['maxToolCalls', 'maxCost', 'maxSteps', 'maxWallMs'] as const;

/** One delegation step: who held the grant it was derived from, and which grant. */
export interface GrantLink {
  readonly subject: string;
  readonly grantId: string;
}

/** A verified grant. */
export interface Grant {
  readonly id: string;
  /** Who delegated it: the parent grant's subject, or the root issuer. */
  readonly issuer: string;
  /** Who may use it. */
  readonly subject: string;
  readonly tenants: readonly string[];
  readonly tools: readonly string[];
  readonly budget: GrantBudget;
  /** Epoch seconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The grants it was derived from, root first (empty for a root grant). */
  readonly chain: readonly GrantLink[];
  readonly depth: number;
  readonly keyId: string;
}

export const GRANT_LIMITS = {
  tools: 64,
  tenants: 16,
  name: 128,
  tokenBytes: 16_384,
} as const;

const NAME = z
  .string()
  .min(1)
  .max(GRANT_LIMITS.name)
  .refine(
    (s) => s.isWellFormed() && !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s),
    'must not contain control characters',
  );

export const grantBudgetSchema = z.strictObject({
  maxToolCalls: z.number().int().min(1).max(1_000_000_000).optional(),
  maxCost: z.number().finite().min(0).max(1e12).optional(),
  maxSteps: z.number().int().min(1).max(1_000_000_000).optional(),
  maxWallMs: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400_000)
    .optional(),
});

interface ActClaim {
  readonly sub: string;
  readonly act?: ActClaim;
}

const actSchema: z.ZodType<ActClaim> = z.lazy(() => z.strictObject({ sub: NAME, act: actSchema.optional() }));

/** The JWT claims of a grant, as signed. */
export const grantClaimsSchema = z.strictObject({
  iss: NAME,
  sub: NAME,
  jti: z.string().min(1).max(64),
  iat: z.number().int().min(0),
  exp: z.number().int().min(0),
  nbf: z.number().int().min(0).optional(),
  tenants: z.array(NAME).min(1).max(GRANT_LIMITS.tenants),
  tools: z.array(NAME).min(1).max(GRANT_LIMITS.tools),
  budget: grantBudgetSchema,
  /** RFC 8693 style: the delegator, and its delegator nested inside. */
  act: actSchema.optional(),
  /** The parent grant's token, so the chain can be checked with public keys alone. */
  parent: z.string().max(GRANT_LIMITS.tokenBytes).optional(),
});

export type GrantClaims = z.output<typeof grantClaimsSchema>;

/** The `act` nesting as a list, innermost (the immediate delegator) first. */
export function actors(act: ActClaim | undefined): string[] {
  const out: string[] = [];
  for (let a = act; a !== undefined; a = a.act) out.push(a.sub);
  return out;
}

/** Builds the `act` claim for a chain given root first. */
export function actClaim(chain: readonly GrantLink[]): ActClaim | undefined {
  let act: ActClaim | undefined;
  for (const link of chain) act = act === undefined ? { sub: link.subject } : { sub: link.subject, act };
  return act;
}

/** Which dimension makes `child` wider than `parent`, or undefined when it is within. */
export function widerIn(
  child: Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
  parent: Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
): string | undefined {
  const tools = new Set(parent.tools);
  if (child.tools.some((t) => !tools.has(t))) return 'tool';
  const tenants = new Set(parent.tenants);
  if (child.tenants.some((t) => !tenants.has(t))) return 'tenant';
  for (const key of GRANT_BUDGET_KEYS) {
    const max = parent.budget[key];
    const mine = child.budget[key];
    if (max !== undefined && (mine === undefined || mine > max)) return `budget ${key}`;
  }
  if (child.expiresAt > parent.expiresAt) return 'lifetime';
  return undefined;
}

/** A sub-grant is never wider than its parent: tools, tenants, every budget limit, lifetime. */
export function isWithin(
  child: Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
  parent: Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
): boolean {
  return widerIn(child, parent) === undefined;
}

export type GrantCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'tool' | 'tenant' | 'expired' };

/** Whether a verified grant covers one call (pure; the executor calls it per intent). */
export function checkGrant(
  grant: Grant,
  call: { readonly tool: string; readonly tenantId: string; readonly clock?: () => number },
): GrantCheck {
  const now = Math.floor((call.clock ?? Date.now)() / 1000);
  if (now >= grant.expiresAt) return { ok: false, reason: 'expired' };
  if (!grant.tenants.includes(call.tenantId)) return { ok: false, reason: 'tenant' };
  if (!grant.tools.includes(call.tool)) return { ok: false, reason: 'tool' };
  return { ok: true };
}
