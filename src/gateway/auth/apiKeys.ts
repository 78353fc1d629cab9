import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MaestroError } from '../../errors/index.js';
import type { LedgerStore, SqlRow } from '../../ledger/index.js';

export const API_KEY_ROLES = ['admin', 'agent', 'approver', 'reader'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Who a key belongs to. */
export interface ApiKeyIdentity {
  readonly keyId: string;
  readonly tenantId: string;
  readonly principal: string;
  readonly role: ApiKeyRole;
}

/** Keys an operator chooses (MAESTRO_BOOTSTRAP_KEY) must be at least this long. */
export const MIN_KEY_LENGTH = 32;
const MAX_KEY_LENGTH = 256;
const KEY_CHARS = /^[\x21-\x7e]+$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A key's text (what the client sends), its id (the first 16 hex digits of its hash) and hash. */
function keyParts(key: string): { key: string; keyId: string; hash: string } {
  const hash = hashApiKey(key);
  return { key, keyId: hash.slice(0, 16), hash };
}

/** A new key: `mk_` and 256 random bits, base64url. Its text is shown once; only its hash is kept. */
export function generateApiKey(): { key: string; keyId: string; hash: string } {
  return keyParts(`mk_${randomBytes(32).toString('base64url')}`);
}

function plausibleKey(key: string): boolean {
  return key.length >= MIN_KEY_LENGTH && key.length <= MAX_KEY_LENGTH && KEY_CHARS.test(key);
}

function isRole(value: unknown): value is ApiKeyRole {
  return typeof value === 'string' && (API_KEY_ROLES as readonly string[]).includes(value);
}

function toIdentity(row: SqlRow): ApiKeyIdentity & { hash: string; revoked: boolean } {
  const role = row.role;
  if (!isRole(role)) throw new MaestroError('ERR_INTERNAL');
  return {
    keyId: String(row.key_id),
    tenantId: String(row.tenant_id),
    principal: String(row.principal),
    role,
    hash: String(row.key_hash),
    revoked: row.revoked_at !== null && row.revoked_at !== undefined,
  };
}

// API keys have no tenant until they are looked up; the table has no row-level security.
const NO_TENANT = '';

export interface ApiKeyStore {
  /** The key's identity, or undefined when it is unknown, revoked or wrong (in constant time). */
  verify(key: string): Promise<ApiKeyIdentity | undefined>;
  create(spec: {
    tenantId: string;
    principal: string;
    role: ApiKeyRole;
    label?: string;
    key?: string;
  }): Promise<{ key: string; identity: ApiKeyIdentity }>;
  revoke(tenantId: string, keyId: string): Promise<boolean>;
  list(tenantId: string): Promise<Array<ApiKeyIdentity & { label: string; revoked: boolean }>>;
  /** Whether any key exists at all (first start). */
  any(): Promise<boolean>;
}

/**
 * API keys in the store. Verified identities are cached for `cacheMs` (a revocation on another
 * replica takes effect within it; one made here at once); the hash comparison runs on every
 * request, in constant time.
 */
export function createApiKeyStore(
  store: LedgerStore,
  options: { cacheMs?: number; clock?: () => number } = {},
): ApiKeyStore {
  const cacheMs = options.cacheMs ?? 30_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { row: ReturnType<typeof toIdentity> | undefined; until: number }>();
  const MAX_CACHED = 10_000;

  async function lookup(keyId: string): Promise<ReturnType<typeof toIdentity> | undefined> {
    const now = clock();
    const hit = cache.get(keyId);
    if (hit !== undefined && hit.until > now) return hit.row;
    const rows = await store.transaction(NO_TENANT, (tx) =>
      tx.query(
        'SELECT key_id, tenant_id, principal, role, key_hash, revoked_at FROM gateway_api_keys WHERE key_id = $1',
        [keyId],
      ),
    );
    const row = rows[0] === undefined ? undefined : toIdentity(rows[0]);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(keyId, { row, until: now + cacheMs });
    return row;
  }

  return {
    async verify(key) {
      if (!plausibleKey(key)) return undefined;
      const parts = keyParts(key);
      const row = await lookup(parts.keyId);
      if (row === undefined || row.revoked) return undefined;
      const given = Buffer.from(parts.hash, 'hex');
      const stored = Buffer.from(row.hash, 'hex');
      if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
      return { keyId: row.keyId, tenantId: row.tenantId, principal: row.principal, role: row.role };
    },
    async create(spec) {
      const generated = spec.key === undefined ? generateApiKey() : fromGiven(spec.key);
      await store.transaction(NO_TENANT, (tx) =>
        tx.query(
          `INSERT INTO gateway_api_keys (key_id, tenant_id, principal, role, key_hash, label, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
          [
            generated.keyId,
            spec.tenantId,
            spec.principal,
            spec.role,
            generated.hash,
            spec.label ?? '',
            new Date(clock()).toISOString(),
          ],
        ),
      );
      cache.delete(generated.keyId);
      return {
        key: generated.key,
        identity: {
          keyId: generated.keyId,
          tenantId: spec.tenantId,
          principal: spec.principal,
          role: spec.role,
        },
      };
    },
    async revoke(tenantId, keyId) {
      const rows = await store.transaction(NO_TENANT, (tx) =>
        tx.query(
          'UPDATE gateway_api_keys SET revoked_at = $3::timestamptz WHERE key_id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING key_id',
          [keyId, tenantId, new Date(clock()).toISOString()],
        ),
      );
      cache.delete(keyId);
      return rows.length === 1;
    },
    async list(tenantId) {
      const rows = await store.transaction(NO_TENANT, (tx) =>
        tx.query(
          'SELECT key_id, tenant_id, principal, role, key_hash, label, revoked_at FROM gateway_api_keys WHERE tenant_id = $1 ORDER BY created_at',
          [tenantId],
        ),
      );
      return rows.map((row) => {
        const { hash: _hash, ...identity } = toIdentity(row);
        return { ...identity, label: String(row.label) };
      });
    },
    async any() {
      const rows = await store.transaction(NO_TENANT, (tx) =>
        tx.query('SELECT 1 FROM gateway_api_keys LIMIT 1'),
      );
      return rows.length > 0;
    },
  };
}

/** A key the operator chose (MAESTRO_BOOTSTRAP_KEY): long enough to be as hard to guess as ours. */
function fromGiven(key: string): { key: string; keyId: string; hash: string } {
  if (!plausibleKey(key)) {
    throw new MaestroError('ERR_INVALID_OPTIONS', {
      message: `MAESTRO_BOOTSTRAP_KEY must be ${MIN_KEY_LENGTH} to ${MAX_KEY_LENGTH} printable ASCII characters without spaces (for example: openssl rand -base64 32).`,
    });
  }
  return keyParts(key);
}
