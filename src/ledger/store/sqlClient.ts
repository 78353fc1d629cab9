/** A row as the driver returns it; callers narrow it with the row readers in rows.ts. */
export type SqlRow = Record<string, unknown>;

/** What runs inside a transaction. */
export interface SqlExecutor {
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** Who a transaction runs as and which tenant it may see. */
export interface TransactionScope {
  /** SET LOCAL ROLE for the transaction; omitted: the connection's own user (migrations only). */
  readonly role?: string;
  /** The tenant row-level security admits (maestro.tenant_id); omitted: no tenant, no rows. */
  readonly tenantId?: string;
  readonly readOnly?: boolean;
}

/**
 * The one SQL surface both stores implement. Every statement runs inside a transaction whose
 * role and tenant are set first, so no code path reaches the tables outside row-level security.
 */
export interface SqlClient {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(scope: TransactionScope, fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The first statement of every transaction: a fixed search_path, then the role, then the tenant
 * (transaction-local, so nothing leaks to the next user of a pooled connection).
 */
export function transactionPrologue(scope: TransactionScope): { text: string; params: string[] } {
  const settings = ["set_config('search_path', 'public', true)"];
  const params: string[] = [];
  if (scope.role !== undefined) {
    params.push(scope.role);
    settings.push(`set_config('role', $${params.length}, true)`);
  }
  if (scope.tenantId !== undefined) {
    params.push(scope.tenantId);
    settings.push(`set_config('maestro.tenant_id', $${params.length}, true)`);
  }
  return { text: `SELECT ${settings.join(', ')}`, params };
}
