import { InvalidOptionsError } from '../../errors/index.js';
import type { FrontierJson } from '../frontier.js';
import { type AppendSession, openAppendSession } from './appendSession.js';
import type { LedgerRoles } from './roles.js';
import { rowString } from './rows.js';
import type { SqlClient, SqlExecutor } from './sqlClient.js';
import { guardStore } from './storeErrors.js';
import { createReader, type LedgerReader } from './tenantReader.js';

/** The cross-tenant path: the tenant-scoped reads, run as the auditor role, plus the tenant list. */
export interface AdminReader extends LedgerReader {
  readonly purpose: string;
  listTenants(): Promise<string[]>;
}

/**
 * The ledger's storage, the same on PGlite and PostgreSQL. Tenant reads and appends run as the
 * app role with the tenant set for row-level security; `admin()` is the only way to reach more
 * than one tenant, and it leaves a row in ledger_admin_reads for every tenant it opens.
 */
export interface LedgerStore extends LedgerReader {
  readonly engine: 'pglite' | 'postgres';
  readonly roles: LedgerRoles;
  /** The data directory of an embedded store (for the default signing key); undefined on a server. */
  readonly dataDir: string | undefined;
  /**
   * Runs `fn` in one transaction on the tenant's locked state row, as the app role. Everything
   * `fn` writes commits together or not at all. Failures are ERR_LEDGER_UNAVAILABLE.
   */
  append<T>(tenantId: string, fn: (session: AppendSession) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction as the app role with row-level security set to the tenant, for
   * the state other modules keep in the same store (the executor's approvals and idempotency
   * keys). The ledger's own tables stay append-only for it. Failures are ERR_LEDGER_UNAVAILABLE.
   */
  transaction<T>(tenantId: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cross-tenant reads for verify and export; `purpose` (e.g. 'verify') is recorded. */
  admin(purpose: string): AdminReader;
  close(): Promise<void>;
}

export interface LedgerStoreParts {
  readonly client: SqlClient;
  readonly roles: LedgerRoles;
  readonly dataDir: string | undefined;
  /** The state a tenant starts from: genesis chain hash and the empty frontier. */
  readonly initial: { chainHash: Buffer; frontier: FrontierJson };
}

const PURPOSE = /^[a-z][a-z0-9_.-]{0,63}$/;

export function createLedgerStore(parts: LedgerStoreParts): LedgerStore {
  const { client, roles } = parts;
  const reader = createReader(client, async (tenantId) => ({ role: roles.app, tenantId, readOnly: true }));

  function admin(purpose: string): AdminReader {
    if (!PURPOSE.test(purpose)) {
      throw new InvalidOptionsError(
        'Invalid admin purpose: expected a short lower-case word such as verify.',
      );
    }
    const recorded = new Map<string | null, Promise<void>>();
    // One audit row per tenant (and one for the tenant list) per admin reader; a read fails when
    // its audit row cannot be written.
    const record = (tenantId: string | null): Promise<void> => {
      let done = recorded.get(tenantId);
      if (done === undefined) {
        done = guardStore('record an admin read', () =>
          client.transaction(
            { role: roles.auditor, ...(tenantId === null ? {} : { tenantId }) },
            async (tx) => {
              await tx.query('INSERT INTO ledger_admin_reads (purpose, tenant_id) VALUES ($1, $2)', [
                purpose,
                tenantId,
              ]);
            },
          ),
        );
        done.catch(() => recorded.delete(tenantId));
        recorded.set(tenantId, done);
      }
      return done;
    };
    const adminReader = createReader(client, async (tenantId) => {
      await record(tenantId);
      return { role: roles.auditor, tenantId, readOnly: true };
    });
    return {
      ...adminReader,
      purpose,
      async listTenants() {
        await record(null);
        const rows = await guardStore('list tenants', () =>
          client.transaction({ role: roles.auditor, readOnly: true }, (tx) =>
            tx.query('SELECT tenant_id FROM ledger_tenants ORDER BY tenant_id'),
          ),
        );
        return rows.map((row) => rowString(row.tenant_id));
      },
    };
  }

  return {
    ...reader,
    engine: client.engine,
    roles,
    dataDir: parts.dataDir,
    append(tenantId, fn) {
      return guardStore('append events', () =>
        client.transaction({ role: roles.app, tenantId }, async (tx) =>
          fn(await openAppendSession(tx, tenantId, parts.initial)),
        ),
      );
    },
    transaction(tenantId, fn) {
      return guardStore('run a tenant transaction', () =>
        client.transaction({ role: roles.app, tenantId }, fn),
      );
    },
    admin,
    close: () => client.close(),
  };
}
