import { z } from 'zod';
import { invalidOptionsFromZod } from '../errors/index.js';
import { parseRiskEvent } from './eventCheck.js';
import type { RiskEventInput } from './eventSchema.js';
import { type ExportOptions, type ExportReport, exportRiskEvents } from './export/exportEvents.js';
import { LedgerTamperedError } from './ledgerErrors.js';
import { LedgerNotFoundError } from './notFoundError.js';
import type { PreviewRedactor } from './preview.js';
import { buildInclusionProof, type InclusionProofBundle } from './proof.js';
import {
  parseRiskEventQuery,
  queryEventPage,
  type RiskEventPage,
  type RiskEventQuery,
} from './query/queryEvents.js';
import { parseRiskStatsQuery, type RiskStats, type RiskStatsQuery, riskStats } from './query/riskStats.js';
import {
  createSigner,
  generateSigningKeyPem,
  type LedgerSigner,
  loadOrCreateSigningKey,
  type PublicKeyLookup,
  publicKeysFrom,
} from './signing.js';
import { resolveDataDir } from './store/dataDir.js';
import type { LedgerStore } from './store/ledgerStore.js';
import type { LedgerReader, ReadEventsOptions, StoredEvent, StoredHead } from './store/tenantReader.js';
import { type SignedTreeHead, signedTreeHeadSchema } from './treeHead.js';
import {
  type LedgerProblem,
  MAX_PROBLEMS_PER_TENANT,
  type StoredEventRow,
  type VerifyReport,
  verifyTenantLog,
} from './verify.js';
import { LedgerWriter, type LogOptions, type WriterStats } from './writer.js';
import type { RiskEventAck } from './writerBatch.js';
import { headPolicySchema, writeQueueOptionsSchema } from './writerOptions.js';

const isFunction = (v: unknown) => typeof v === 'function';

const ledgerOptionsSchema = z.strictObject({
  /** From createPgliteStore or createPostgresStore. */
  store: z.custom<LedgerStore>(
    (v) => typeof v === 'object' && v !== null && isFunction((v as LedgerStore).append),
    { message: 'expected a store from createPgliteStore() or createPostgresStore()' },
  ),
  /** Signs tree heads; default: the key in the data directory (created on first use). */
  signer: z
    .custom<LedgerSigner>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        isFunction((v as LedgerSigner).sign) &&
        typeof (v as LedgerSigner).keyId === 'string',
      { message: 'expected a signer from createSigner() or loadOrCreateSigningKey()' },
    )
    .optional(),
  /** Where the default signing key lives when the store has no data directory (PostgreSQL). */
  dataDir: z.string().min(1).optional(),
  /** Public keys (PEM) that verification also trusts: other replicas' keys, retired keys. */
  trustedKeys: z.array(z.string().min(1)).max(1000).default([]),
  /** Applied to previews before they are cut and stored. */
  redact: z.custom<PreviewRedactor>(isFunction, { message: 'expected a function' }).optional(),
  heads: headPolicySchema.default(headPolicySchema.parse({})),
  queue: writeQueueOptionsSchema.default(writeQueueOptionsSchema.parse({})),
  /** Close the store with the ledger (default true); false when the store is shared. */
  closeStore: z.boolean().default(true),
});

export type LedgerOptions = z.input<typeof ledgerOptionsSchema>;

export interface LedgerVerification {
  /** Every verified tenant is ok (warnings such as an unsigned tail allowed). */
  readonly ok: boolean;
  readonly tenants: VerifyReport[];
}

/** `exportRiskEvents` options; the ledger supplies the source (the audited cross-tenant reads). */
export type LedgerExportOptions = Omit<ExportOptions, 'source'>;

export interface VerifyOptions {
  /** Heads a witness kept outside the store, per tenant. */
  readonly witnessHeads?: readonly SignedTreeHead[];
}

/** The risk-event ledger: one object per store, created by `createLedger`. */
export interface Ledger {
  /** See LedgerWriter.logRiskEvent: resolves after COMMIT with `{ id, seq, tenantId, time }`. */
  logRiskEvent(input: RiskEventInput, options?: LogOptions): Promise<RiskEventAck>;
  /** Resolves when an event would be accepted without back-pressure. */
  ready(): Promise<void>;
  /** Commits everything accepted so far and signs heads over it. */
  flush(): Promise<void>;
  /** Drains, writes the final heads, then closes the store (unless closeStore: false). */
  close(): Promise<void>;
  /**
   * Recomputes and checks one tenant's log (tenant-scoped reads), or every tenant's through the
   * audited cross-tenant path when no tenant is given.
   */
  verify(tenantId?: string, options?: VerifyOptions): Promise<LedgerVerification>;
  /** The tenant's signed tree heads in index order (for a witness to keep). */
  readHeads(tenantId: string): Promise<SignedTreeHead[]>;
  /** The tenant's stored events in seq order. */
  readEvents(tenantId: string, options?: ReadEventsOptions): AsyncIterable<StoredEvent>;
  /** Leaf hashes of seq 0 … upTo-1 (inclusion and consistency proofs). */
  readLeafHashes(tenantId: string, upTo: number): Promise<Buffer[]>;
  /** Every tenant with a log (audited cross-tenant read). */
  listTenants(): Promise<string[]>;
  /** One page of a tenant's events, filtered, newest first by default (keyset pagination). */
  queryRiskEvents(query: RiskEventQuery): Promise<RiskEventPage>;
  /** Counts by type and lane per bucket, top detectors and injection spikes for a window. */
  getRiskStats(query: RiskStatsQuery): Promise<RiskStats>;
  /** Sends events as OCSF Detection Findings to a sink, resuming from a durable cursor. */
  exportRiskEvents(options: LedgerExportOptions): Promise<ExportReport>;
  /**
   * A self-contained inclusion proof of one event against the newest signed head that covers it,
   * checkable with the public key alone (`checkInclusionProof`). ERR_LEDGER_NOT_FOUND when there
   * is no such event or no signed head covers it yet.
   */
  proveEvent(tenantId: string, eventId: string): Promise<InclusionProofBundle>;
  stats(): WriterStats;
  readonly store: LedgerStore;
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** The keys verification trusts: this ledger's own and `trustedKeys`. */
  readonly keys: PublicKeyLookup;
}

function defaultSigner(store: LedgerStore, dataDir: string | undefined): LedgerSigner {
  // An in-memory store is ephemeral; so is its key, unless a data directory was named.
  if (store.engine === 'pglite' && store.dataDir === undefined && dataDir === undefined) {
    return createSigner(generateSigningKeyPem());
  }
  return loadOrCreateSigningKey(store.dataDir ?? resolveDataDir(dataDir));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // verification reports it as an invalid event or a malformed head
  }
}

/** Where an indexed copy column disagrees with the body it was copied from, or undefined. */
function columnMismatch(e: StoredEvent, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined; // verify reports the body itself
  const b = body as Record<string, unknown>;
  const c = e.columns;
  if (b['type'] !== c.type) return 'type';
  if ((b['lane'] ?? 'none') !== c.lane) return 'lane';
  if (b['severity'] !== c.severity) return 'severity';
  if (b['detector'] !== c.detector) return 'detector';
  if ((b['traceId'] ?? null) !== c.traceId) return 'trace_id';
  if ((b['spanId'] ?? null) !== c.spanId) return 'span_id';
  if (typeof b['time'] !== 'string' || Date.parse(b['time']) !== e.time.getTime()) return 'time';
  return undefined;
}

/**
 * Rows for `verifyTenantLog`, checking on the way that the indexed copy columns (what queries
 * filter on) still say what the hashed body says: someone able to rewrite a column could
 * otherwise hide an event from queries without touching anything verification hashes.
 */
async function* verifyRows(
  events: AsyncIterable<StoredEvent>,
  mismatches: LedgerProblem[],
): AsyncIterable<StoredEventRow> {
  for await (const e of events) {
    const body = parseJson(e.body);
    const column = columnMismatch(e, body);
    if (column !== undefined && mismatches.length < MAX_PROBLEMS_PER_TENANT) {
      mismatches.push({
        code: 'COLUMN_MISMATCH',
        level: 'error',
        tenantId: e.tenantId,
        seq: e.seq,
        eventId: e.id,
        message: `The indexed ${column} column of event ${e.seq} differs from its signed body: it was rewritten.`,
      });
    }
    yield { seq: e.seq, id: e.id, body, leafHash: e.leafHash, chainHash: e.chainHash };
  }
}

function parseHead(stored: StoredHead): SignedTreeHead {
  const parsed = signedTreeHeadSchema.safeParse(parseJson(stored.body));
  if (!parsed.success) throw new LedgerTamperedError(`Stored tree head ${stored.index} is malformed.`);
  return parsed.data;
}

async function verifyWith(
  reader: LedgerReader,
  tenantId: string,
  keys: PublicKeyLookup,
  options: VerifyOptions,
): Promise<VerifyReport> {
  // Heads first: events only grow, so every head read now is covered by the events read after.
  const heads = (await reader.readHeads(tenantId)).map((h) => parseJson(h.body) as SignedTreeHead);
  const mismatches: LedgerProblem[] = [];
  const report = await verifyTenantLog({
    tenantId,
    events: verifyRows(reader.readEvents(tenantId), mismatches),
    heads,
    keys,
    ...(options.witnessHeads === undefined
      ? {}
      : { witnessHeads: options.witnessHeads.filter((h) => h.tenantId === tenantId) }),
  });
  if (mismatches.length === 0) return report;
  return { ...report, ok: false, problems: [...report.problems, ...mismatches] };
}

/**
 * Creates the ledger over a store: a batched, back-pressured writer of hash-chained, Merkle-tree
 * events with signed tree heads, and the reads that verification, proofs and export need.
 */
export function createLedger(options: LedgerOptions): Ledger {
  const parsed = ledgerOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const o = parsed.data;
  const store = o.store;
  const signer = o.signer ?? defaultSigner(store, o.dataDir);
  const keys = publicKeysFrom([signer.publicKeyPem, ...o.trustedKeys]);
  const writer = new LedgerWriter({
    store,
    signer,
    heads: o.heads,
    queue: o.queue,
    ...(o.redact === undefined ? {} : { redact: o.redact }),
  });
  let closing: Promise<void> | undefined;

  return {
    logRiskEvent: (input, logOptions) => writer.logRiskEvent(input, logOptions),
    ready: () => writer.ready(),
    flush: () => writer.flush(),
    close() {
      closing ??= (async () => {
        try {
          await writer.close();
        } finally {
          if (o.closeStore) await store.close();
        }
      })();
      return closing;
    },
    async verify(tenantId, verifyOptions = {}) {
      const reports: VerifyReport[] = [];
      if (tenantId !== undefined) {
        reports.push(await verifyWith(store, tenantId, keys, verifyOptions));
      } else {
        const admin = store.admin('verify');
        for (const tenant of await admin.listTenants()) {
          reports.push(await verifyWith(admin, tenant, keys, verifyOptions));
        }
      }
      return { ok: reports.every((r) => r.ok), tenants: reports };
    },
    async readHeads(tenantId) {
      return (await store.readHeads(tenantId)).map(parseHead);
    },
    readEvents: (tenantId, readOptions) => store.readEvents(tenantId, readOptions),
    readLeafHashes: (tenantId, upTo) => store.readLeafHashes(tenantId, upTo),
    listTenants: () => store.admin('list').listTenants(),
    async queryRiskEvents(query) {
      const q = parseRiskEventQuery(query);
      return store.read(q.tenantId, (tx) => queryEventPage(tx, q));
    },
    async getRiskStats(query) {
      const q = parseRiskStatsQuery(query);
      return store.read(q.tenantId, (tx) => riskStats(tx, q));
    },
    exportRiskEvents(exportOptions) {
      // All tenants through the audited cross-tenant path; named tenants through it as well,
      // since an export reads on behalf of a SIEM, not of the tenant.
      const admin = store.admin('export');
      return exportRiskEvents({
        source: admin,
        sink: exportOptions.sink,
        productVersion: exportOptions.productVersion,
        ...(exportOptions.cursorFile === undefined ? {} : { cursorFile: exportOptions.cursorFile }),
        ...(exportOptions.tenants === undefined ? {} : { tenants: exportOptions.tenants }),
        ...(exportOptions.batchSize === undefined ? {} : { batchSize: exportOptions.batchSize }),
        ...(exportOptions.onBatch === undefined ? {} : { onBatch: exportOptions.onBatch }),
      });
    },
    async proveEvent(tenantId, eventId) {
      const stored = await store.readEvent(tenantId, eventId);
      if (stored === undefined) throw new LedgerNotFoundError('No event with that id in this tenant.');
      const heads = (await store.readHeads(tenantId)).map(parseHead);
      const head = heads.filter((h) => h.treeSize > stored.seq).at(-1);
      if (head === undefined) {
        throw new LedgerNotFoundError(
          'No signed tree head covers this event yet; heads are written every few seconds and on flush.',
        );
      }
      const leaves = await store.readLeafHashes(tenantId, head.treeSize);
      return buildInclusionProof(parseRiskEvent(JSON.parse(stored.body)), leaves, head);
    },
    stats: () => writer.stats(),
    store,
    keyId: signer.keyId,
    publicKeyPem: signer.publicKeyPem,
    keys,
  };
}
