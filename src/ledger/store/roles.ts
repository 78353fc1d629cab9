import { z } from 'zod';

/** The three database roles of the ledger (see migrations/001_ledger.sql for what each may do). */
export interface LedgerRoles {
  /** Owns the tables; never used by the running writer. */
  readonly owner: string;
  /** The writer and tenant-scoped reader. */
  readonly app: string;
  /** Cross-tenant reads (verify, export), one tenant per transaction, recorded. */
  readonly auditor: string;
}

export const DEFAULT_LEDGER_ROLES: LedgerRoles = Object.freeze({
  owner: 'maestro_ledger_owner',
  app: 'maestro_ledger_app',
  auditor: 'maestro_ledger_auditor',
});

/** Lower-case unquoted identifiers only: they are spliced into DDL as quoted identifiers. */
const roleName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier of at most 63 characters');

export const ledgerRolesSchema = z
  .strictObject({
    owner: roleName.default(DEFAULT_LEDGER_ROLES.owner),
    app: roleName.default(DEFAULT_LEDGER_ROLES.app),
    auditor: roleName.default(DEFAULT_LEDGER_ROLES.auditor),
  })
  .refine((r) => new Set([r.owner, r.app, r.auditor]).size === 3, {
    message: 'the owner, app and auditor roles must be three different roles',
  });

/** A validated role name as a quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new TypeError('not a plain SQL identifier');
  return `"${name}"`;
}
