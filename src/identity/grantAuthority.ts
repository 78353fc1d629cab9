import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { ulid } from 'ulid';
import { z } from 'zod';
import { invalidOptionsFromZod, MaestroError } from '../errors/index.js';
import { keyIdOf, publicKeysFrom } from '../ledger/index.js';
import {
  actClaim,
  actors,
  GRANT_BUDGET_KEYS,
  GRANT_LIMITS,
  type Grant,
  type GrantBudget,
  type GrantClaims,
  grantBudgetSchema,
  grantClaimsSchema,
  widerIn,
} from './grant.js';
import { GrantDeniedError, GrantInvalidError } from './grantErrors.js';

export const GRANT_TOKEN_TYPE = 'maestro-grant+jwt';

const optionsSchema = z.strictObject({
  /** Ed25519 private key (PEM) that signs grants; default a fresh key in memory. */
  privateKeyPem: z.string().min(1).optional(),
  /** Public keys (PEM) of other authorities whose grants this one accepts. */
  trustedKeys: z.array(z.string().min(1)).max(100).default([]),
  /** Epoch milliseconds; a fake clock in tests. */
  clock: z.custom<() => number>((v) => typeof v === 'function').optional(),
  /** The longest lifetime any grant may have. */
  maxLifetimeSeconds: z.number().int().min(1).max(86_400).default(900),
  /** The longest delegation chain (a root grant has depth 0). */
  maxDepth: z.number().int().min(0).max(8).default(4),
});

export type GrantAuthorityOptions = z.input<typeof optionsSchema>;

const name = z.string().min(1).max(GRANT_LIMITS.name);
const requestSchema = z.strictObject({
  subject: name,
  tenants: z.array(name).min(1).max(GRANT_LIMITS.tenants),
  tools: z.array(name).min(1).max(GRANT_LIMITS.tools),
  budget: grantBudgetSchema.optional(),
  ttlSeconds: z.number().int().min(1).max(86_400),
});
const issueSchema = requestSchema.extend({ issuer: name });

export type GrantRequest = z.input<typeof requestSchema>;
export type RootGrantRequest = z.input<typeof issueSchema>;

/** Issues, narrows and verifies delegation grants (C16 delegated identities, C17 task-scoped permissions). */
export interface GrantAuthority {
  /** A root grant: what a principal (a person, a service) hands its orchestrator. */
  issue(request: RootGrantRequest): Promise<string>;
  /**
   * A sub-grant of `parentToken` for another agent: never wider than the parent (ERR_GRANT_DENIED
   * names the dimension), expiring no later than it. Budget limits left out are inherited.
   */
  delegate(parentToken: string, request: GrantRequest): Promise<string>;
  /** Checks a token and its whole chain with public keys; ERR_GRANT_INVALID on any problem. */
  verify(token: string): Promise<Grant>;
  readonly keyId: string;
  readonly publicKeyPem: string;
}

function ed25519Private(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new MaestroError('ERR_INVALID_OPTIONS', {
      message: 'privateKeyPem is not a readable PEM key.',
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new MaestroError('ERR_INVALID_OPTIONS', { message: 'privateKeyPem is not an Ed25519 key.' });
  }
  return key;
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Everything the chain check needs from a claim set. */
function grantOf(claims: GrantClaims, keyId: string, chain: Grant['chain']): Grant {
  return {
    id: claims.jti,
    issuer: claims.iss,
    subject: claims.sub,
    tenants: claims.tenants,
    tools: claims.tools,
    budget: claims.budget,
    issuedAt: claims.iat,
    expiresAt: claims.exp,
    chain,
    depth: chain.length,
    keyId,
  };
}

export function createGrantAuthority(options: GrantAuthorityOptions = {}): GrantAuthority {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const o = parsed.data;
  const clock = o.clock ?? Date.now;
  const privateKey =
    o.privateKeyPem === undefined
      ? generateKeyPairSync('ed25519').privateKey
      : ed25519Private(o.privateKeyPem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // The ledger's key ids (ed25519:<16 hex>): one naming scheme for every key maestro signs with.
  const keyId = keyIdOf(publicKeyPem);
  const trusted = publicKeysFrom([publicKeyPem, ...o.trustedKeys]);
  const keyObjects = new Map<string, KeyObject>();
  const publicKeyFor = (kid: string): KeyObject | undefined => {
    const pem = trusted(kid);
    if (pem === undefined) return undefined;
    let key = keyObjects.get(kid);
    if (key === undefined) {
      key = createPublicKey(pem);
      keyObjects.set(kid, key);
    }
    return key;
  };

  async function sign(claims: GrantClaims): Promise<string> {
    const { iss, sub, jti, iat, exp, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: keyId })
      .setIssuer(iss)
      .setSubject(sub)
      .setJti(jti)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .sign(privateKey);
  }

  async function verifyAt(token: string, depth: number): Promise<Grant> {
    if (
      typeof token !== 'string' ||
      token.length === 0 ||
      Buffer.byteLength(token) > GRANT_LIMITS.tokenBytes
    ) {
      throw new GrantInvalidError(`A grant is a compact JWT of at most ${GRANT_LIMITS.tokenBytes} bytes.`);
    }
    if (depth > o.maxDepth) throw new GrantInvalidError(`The delegation chain is deeper than ${o.maxDepth}.`);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      throw new GrantInvalidError('The grant is not a well-formed JWT.', error);
    }
    if (header.alg !== 'EdDSA') throw new GrantInvalidError('The grant must be signed with EdDSA (Ed25519).');
    if (header.typ !== GRANT_TOKEN_TYPE)
      throw new GrantInvalidError(`The grant must have typ ${GRANT_TOKEN_TYPE}.`);
    const kid = typeof header.kid === 'string' ? header.kid : '';
    const key = publicKeyFor(kid);
    if (key === undefined)
      throw new GrantInvalidError('The grant is signed with a key this authority does not trust.');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['EdDSA'],
        typ: GRANT_TOKEN_TYPE,
        currentDate: new Date(clock()),
        requiredClaims: ['iss', 'sub', 'jti', 'iat', 'exp'],
      }));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new GrantInvalidError(
        code === 'ERR_JWT_EXPIRED'
          ? 'The grant has expired.'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
            ? 'The grant is not valid yet or lacks a required claim.'
            : 'The grant signature does not verify.',
        error,
      );
    }
    const claims = grantClaimsSchema.safeParse(payload);
    if (!claims.success) throw new GrantInvalidError('The grant claims are not valid.');
    const c = claims.data;
    if (c.exp - c.iat > o.maxLifetimeSeconds) {
      throw new GrantInvalidError(`The grant lives longer than ${o.maxLifetimeSeconds} s.`);
    }
    if (c.parent === undefined) {
      if (c.act !== undefined) throw new GrantInvalidError('A root grant cannot name delegators.');
      return grantOf(c, kid, []);
    }
    const parent = await verifyAt(c.parent, depth + 1);
    const chain = [...parent.chain, { subject: parent.subject, grantId: parent.id }];
    if (c.iss !== parent.subject)
      throw new GrantInvalidError('The grant was not delegated by its parent’s holder.');
    const claimed = actors(c.act);
    const expected = chain.map((link) => link.subject).reverse();
    if (claimed.length !== expected.length || claimed.some((sub, i) => sub !== expected[i])) {
      throw new GrantInvalidError('The grant’s act chain does not match its parents.');
    }
    const grant = grantOf(c, kid, chain);
    const wider = widerIn(grant, parent);
    if (wider !== undefined) throw new GrantInvalidError(`The grant is wider than its parent (${wider}).`);
    return grant;
  }

  const nowSeconds = () => Math.floor(clock() / 1000);

  return {
    async issue(request) {
      const r = issueSchema.safeParse(request);
      if (!r.success) throw invalidOptionsFromZod(r.error);
      if (r.data.ttlSeconds > o.maxLifetimeSeconds) {
        throw new GrantDeniedError(`A grant lives at most ${o.maxLifetimeSeconds} s.`);
      }
      const iat = nowSeconds();
      return sign({
        iss: r.data.issuer,
        sub: r.data.subject,
        jti: ulid(clock()),
        iat,
        exp: iat + r.data.ttlSeconds,
        tenants: dedupe(r.data.tenants),
        tools: dedupe(r.data.tools),
        budget: r.data.budget ?? {},
      });
    },
    async delegate(parentToken, request) {
      const r = requestSchema.safeParse(request);
      if (!r.success) throw invalidOptionsFromZod(r.error);
      const parent = await verifyAt(parentToken, 0);
      if (parent.depth + 1 > o.maxDepth)
        throw new GrantDeniedError(`The delegation chain may be at most ${o.maxDepth} deep.`);
      const iat = nowSeconds();
      const budget: Record<string, number> = { ...(r.data.budget ?? {}) };
      // A limit the child leaves out is the parent's: leaving it out never widens the grant.
      for (const key of GRANT_BUDGET_KEYS) {
        const max = parent.budget[key];
        if (max !== undefined && budget[key] === undefined) budget[key] = max;
      }
      const child = {
        tools: dedupe(r.data.tools),
        tenants: dedupe(r.data.tenants),
        budget: budget as GrantBudget,
        expiresAt: Math.min(iat + Math.min(r.data.ttlSeconds, o.maxLifetimeSeconds), parent.expiresAt),
      };
      const wider = widerIn(child, parent);
      if (wider !== undefined)
        throw new GrantDeniedError(`The sub-grant would be wider than its parent (${wider}).`);
      if (child.expiresAt <= iat)
        throw new GrantDeniedError('The parent grant has no lifetime left to delegate.');
      const chain = [...parent.chain, { subject: parent.subject, grantId: parent.id }];
      return sign({
        iss: parent.subject,
        sub: r.data.subject,
        jti: ulid(clock()),
        iat,
        exp: child.expiresAt,
        tenants: child.tenants,
        tools: child.tools,
        budget: child.budget,
        act: actClaim(chain),
        parent: parentToken,
      });
    },
    verify: (token) => verifyAt(token, 0),
    keyId,
    publicKeyPem,
  };
}
