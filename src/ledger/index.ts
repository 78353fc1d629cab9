export { ATTRIBUTE_LIMITS, type AttributeObject, type AttributeValue } from './attributes.js';
export { canonicalJson } from './canonicalJson.js';
export {
  type BuildAt,
  buildRiskEvent,
  createEventIdFactory,
  EVENT_LIMITS,
  type EventActor,
  type EventProblem,
  type EventRefs,
  eventLeafHash,
  eventRefsFromFinding,
  PREVIEW_READ_LIMIT,
  type PreviewRedactor,
  parseRiskEvent,
  payloadHashOf,
  RISK_EVENT_TYPES,
  type RiskEvent,
  type RiskEventInput,
  type RiskEventType,
  riskEventInputSchema,
  riskEventProblem,
  riskEventSchema,
} from './event.js';
export { type ExportCursor, loadExportCursor, saveExportCursor } from './export/exportCursor.js';
export { type ExportReport, type ExportSource, exportRiskEvents } from './export/exportEvents.js';
export {
  DETECTION_FINDING_CLASS_UID,
  OCSF_SCHEMA_VERSION,
  type OcsfDetectionFinding,
  toOcsfDetectionFinding,
} from './export/ocsf.js';
export {
  ExportFailedError,
  type FindingSink,
  fileSink,
  type HttpSinkOptions,
  httpSink,
  streamSink,
} from './export/sinks.js';
export { type FrontierJson, MerkleFrontier } from './frontier.js';
export {
  EMPTY_TREE_ROOT,
  GENESIS_CHAIN_HASH,
  leafHash,
  nextChainHash,
  nodeHash,
  sha256,
} from './hashes.js';
export {
  createLedger,
  type Ledger,
  type LedgerOptions,
  type LedgerVerification,
  type VerifyOptions,
} from './ledger.js';
export { InvalidRiskEventError, LedgerKeyError, LedgerTamperedError } from './ledgerErrors.js';
export {
  consistencyProof,
  inclusionProof,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
export { LedgerNotFoundError } from './notFoundError.js';
export { defaultPreviewRedactor } from './preview.js';
export {
  buildConsistencyProof,
  buildInclusionProof,
  type ConsistencyProofBundle,
  checkConsistencyProof,
  checkInclusionProof,
  consistencyProofBundleSchema,
  type InclusionProofBundle,
  inclusionProofBundleSchema,
  type ProofCheck,
} from './proof.js';
export { decodeCursor, encodeCursor, type QueryCursor } from './query/queryCursor.js';
export {
  DEFAULT_QUERY_LIMIT,
  MAX_QUERY_LIMIT,
  type RiskEventPage,
  type RiskEventQuery,
  riskEventQuerySchema,
} from './query/queryEvents.js';
export {
  type RiskStats,
  type RiskStatsQuery,
  riskStatsQuerySchema,
  STAT_BUCKETS,
  type StatBucket,
} from './query/riskStats.js';
export { DEFAULT_SPIKE_OPTIONS, findSpikes, type Spike, type SpikeOptions } from './query/spikes.js';
export {
  createSigner,
  generateSigningKeyPem,
  KEY_ID_PATTERN,
  keyIdOf,
  type LedgerSigner,
  loadOrCreateSigningKey,
  type PublicKeyLookup,
  publicKeysFrom,
} from './signing.js';
export { createPgliteStore, MEMORY_DATA_DIR, type PgliteStoreOptions } from './store/createPgliteStore.js';
export { createPostgresStore, type PostgresStoreOptions } from './store/createPostgresStore.js';
export { resolveDataDir } from './store/dataDir.js';
export type { AdminReader, LedgerStore } from './store/ledgerStore.js';
export {
  applyMigrations,
  checkMigrations,
  loadMigrations,
  type Migration,
  type MigrationReport,
} from './store/migrations.js';
export { DEFAULT_LEDGER_ROLES, type LedgerRoles, ledgerRolesSchema } from './store/roles.js';
export type { SqlClient, SqlExecutor, SqlRow, TransactionScope } from './store/sqlClient.js';
export type { LedgerReader, ReadEventsOptions, StoredEvent, StoredHead } from './store/tenantReader.js';
export type { TenantState } from './store/tenantState.js';
export {
  type SignedTreeHead,
  signedTreeHeadSchema,
  signTreeHead,
  TREE_HEAD_SIGNING_CONTEXT,
  treeHeadSigningInput,
  type UnsignedTreeHead,
  verifyTreeHeadSignature,
} from './treeHead.js';
export {
  type LedgerProblem,
  type LedgerProblemCode,
  type LedgerProblemLevel,
  MAX_PROBLEMS_PER_TENANT,
  type StoredEventRow,
  type VerifyInput,
  type VerifyReport,
  verifyTenantLog,
} from './verify.js';
export type { LogOptions, WriterStats } from './writer.js';
export type { RiskEventAck } from './writerBatch.js';
export type { HeadPolicy, WriteQueueOptions } from './writerOptions.js';
