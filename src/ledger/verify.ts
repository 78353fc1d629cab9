/**
 * Verification of one tenant's log: recomputes everything from the event bodies and reports each
 * place where the stored log disagrees with itself or with its signed tree heads.
 *
 * Inputs: the stored rows in seq order, the stored heads in index order, trusted public keys, and
 * optionally heads a witness kept elsewhere. Memory is O(log n) for the events (a Merkle frontier,
 * two chain hashes) plus what the caller passes in `heads`/`witnessHeads`.
 *
 * Events, per row:
 * - `SEQ_GAP`: the row's seq is beyond the next expected one: rows were removed (names the first
 *   missing seq). `SEQ_MISMATCH`: the body's seq differs from the row's, or the row's seq is below
 *   the next expected one (rows out of order or duplicated).
 * - `EVENT_INVALID`: the body is not a stored RiskEvent (riskEventSchema), the row is malformed, or
 *   the body's id differs from the row's. `TENANT_MISMATCH`: the body belongs to another tenant.
 * - `LEAF_MISMATCH`: the leaf hash recomputed from the body differs from the stored one: a field
 *   was edited after it was written.
 * - `CHAIN_BROKEN`: the stored chain hash is not SHA-256(0x02 ‖ previous stored chain hash ‖ stored
 *   leaf hash): a row was removed, inserted or reordered, or a row's hashes were rewritten. After a
 *   break the check continues from the stored chain hash, so each later break is reported at its
 *   own seq rather than every row after the first one.
 * The Merkle tree and the "true" chain used for the head checks are built from the recomputed
 * leaves, never from stored hashes, in arrival order.
 *
 * Heads, in the order given:
 * - `HEAD_SIGNATURE`: malformed, or the Ed25519 signature does not verify under the key it names.
 *   `HEAD_UNKNOWN_KEY`: that key is not trusted. `TENANT_MISMATCH`: another tenant's head.
 *   Heads failing these checks are ignored for everything below.
 * - `HEAD_INDEX_GAP`: an index was skipped (a head was dropped). `HEAD_REPLAYED`: an index at or
 *   below the previous head's (an old head presented again). `HEAD_NOT_EXTENDING`: the tree size
 *   or the time went backwards.
 * - `HEAD_ROOT_MISMATCH` / `HEAD_CHAIN_MISMATCH`: the root or chain hash recomputed from the events
 *   at the head's tree size differs from the signed one. `HEAD_BEYOND_LOG`: the head covers more
 *   events than the log has (its tail was truncated).
 * - `WITNESS_MISMATCH`: a witness head is not validly signed for this tenant, differs from the
 *   stored head of the same index, names an index the store no longer has, is beyond the log, or
 *   does not match the recomputed root or chain hash at its size.
 * - `UNSIGNED_TAIL` (warning, does not make `ok` false): events after the largest signed tree size.
 *   Dropping the newest heads and truncating the log to an older head cannot be seen from the
 *   store alone; that is what witness heads are for.
 *
 * At most MAX_PROBLEMS_PER_TENANT problems are listed; `problemsOmitted` counts the rest.
 */
import { validEventLeafHash } from './canonicalEvent.js';
import { canonicalJson } from './canonicalJson.js';
import { riskEventProblem } from './eventCheck.js';
import { ULID_PATTERN } from './eventId.js';
import type { RiskEvent } from './eventSchema.js';
import { MerkleFrontier } from './frontier.js';
import {
  bytesEqual,
  EMPTY_TREE_ROOT,
  GENESIS_CHAIN_HASH,
  HASH_BYTES,
  leafHashOfText,
  nextChainHash,
} from './hashes.js';
import { safePath } from './ledgerErrors.js';
import type { PublicKeyLookup } from './signer.js';
import { createHeadChecker, type SignedTreeHead } from './treeHead.js';

export interface StoredEventRow {
  seq: number;
  id: string;
  /** The parsed JSON of the stored RiskEvent. */
  body: unknown;
  leafHash: Uint8Array;
  chainHash: Uint8Array;
}

export type LedgerProblemCode =
  | 'EVENT_INVALID'
  | 'LEAF_MISMATCH'
  | 'SEQ_GAP'
  | 'SEQ_MISMATCH'
  | 'TENANT_MISMATCH'
  | 'CHAIN_BROKEN'
  | 'HEAD_SIGNATURE'
  | 'HEAD_UNKNOWN_KEY'
  | 'HEAD_ROOT_MISMATCH'
  | 'HEAD_CHAIN_MISMATCH'
  | 'HEAD_BEYOND_LOG'
  | 'HEAD_NOT_EXTENDING'
  | 'HEAD_INDEX_GAP'
  | 'HEAD_REPLAYED'
  | 'WITNESS_MISMATCH'
  | 'UNSIGNED_TAIL'
  | 'COLUMN_MISMATCH';

export type LedgerProblemLevel = 'error' | 'warning';

export interface LedgerProblem {
  code: LedgerProblemCode;
  level: LedgerProblemLevel;
  tenantId: string;
  seq?: number;
  eventId?: string;
  headIndex?: number;
  message: string;
}

export interface VerifyReport {
  tenantId: string;
  /** No error-level problem (warnings allowed). */
  ok: boolean;
  /** Rows read. */
  events: number;
  /** Stored heads given. */
  heads: number;
  /** Leaves in the recomputed tree. */
  treeSize: number;
  /** Hex root of the recomputed tree. */
  rootHash: string;
  problems: LedgerProblem[];
  /** Problems beyond MAX_PROBLEMS_PER_TENANT, counted but not listed. */
  problemsOmitted: number;
}

export interface VerifyInput {
  tenantId: string;
  events: Iterable<StoredEventRow> | AsyncIterable<StoredEventRow>;
  heads: readonly SignedTreeHead[];
  keys: PublicKeyLookup;
  witnessHeads?: readonly SignedTreeHead[];
}

export const MAX_PROBLEMS_PER_TENANT = 100;

type ProblemFields = Omit<LedgerProblem, 'tenantId' | 'level'>;

class Problems {
  readonly list: LedgerProblem[] = [];
  omitted = 0;
  errors = 0;

  constructor(private readonly tenantId: string) {}

  add(fields: ProblemFields, level: LedgerProblemLevel = 'error'): void {
    if (level === 'error') this.errors++;
    if (this.list.length >= MAX_PROBLEMS_PER_TENANT) {
      this.omitted++;
      return;
    }
    const { code, message, ...where } = fields;
    this.list.push({ code, level, tenantId: this.tenantId, ...where, message });
  }
}

interface ScheduledHead {
  head: SignedTreeHead;
  witness: boolean;
}

/** Recomputes one tenant's log and checks it against its rows and signed heads. */
export async function verifyTenantLog(input: VerifyInput): Promise<VerifyReport> {
  const { tenantId } = input;
  const problems = new Problems(tenantId);
  const schedule = new Map<number, ScheduledHead[]>();
  const signedSize = checkHeads(input, problems, schedule);

  const log = new LogState(tenantId, problems, schedule);
  log.checkHeadsAtCurrentSize();
  const { events } = input;
  if (Symbol.asyncIterator in events) {
    for await (const row of events) log.add(row);
  } else {
    // Rows of an in-memory log need no promise per row.
    for (const row of events) log.add(row);
  }

  for (const [size, heads] of schedule) {
    if (size <= log.size) continue;
    for (const { head, witness } of heads) {
      problems.add({
        code: witness ? 'WITNESS_MISMATCH' : 'HEAD_BEYOND_LOG',
        headIndex: head.index,
        message: `${witness ? 'Witness head' : 'Head'} ${head.index} covers ${head.treeSize} events but the log has ${log.size}: its tail was removed.`,
      });
    }
  }
  if (log.size > signedSize) {
    problems.add(
      {
        code: 'UNSIGNED_TAIL',
        seq: signedSize,
        message: `Events from position ${signedSize} on (${log.size - signedSize}) are not yet covered by a signed tree head.`,
      },
      'warning',
    );
  }
  return {
    tenantId,
    ok: problems.errors === 0,
    events: log.rows,
    heads: input.heads.length,
    treeSize: log.size,
    rootHash: log.root().toString('hex'),
    problems: problems.list,
    problemsOmitted: problems.omitted,
  };
}

function indexOf(head: unknown): number | undefined {
  const index = (head as { index?: unknown } | null)?.index;
  return typeof index === 'number' && Number.isSafeInteger(index) ? index : undefined;
}

/** Authenticates and orders the heads; schedules the authentic ones. Returns the largest signed size. */
function checkHeads(input: VerifyInput, problems: Problems, schedule: Map<number, ScheduledHead[]>): number {
  const check = createHeadChecker(input.keys);
  const byIndex = new Map<number, SignedTreeHead>();
  const plan = (head: SignedTreeHead, witness: boolean): void => {
    const list = schedule.get(head.treeSize);
    if (list === undefined) schedule.set(head.treeSize, [{ head, witness }]);
    else list.push({ head, witness });
  };
  let last: SignedTreeHead | undefined;
  let signedSize = 0;
  for (const head of input.heads) {
    const verdict = check(head);
    const headIndex = indexOf(head);
    if (verdict !== 'ok') {
      problems.add({
        code: verdict === 'unknown_key' ? 'HEAD_UNKNOWN_KEY' : 'HEAD_SIGNATURE',
        ...(headIndex !== undefined && { headIndex }),
        message:
          verdict === 'unknown_key'
            ? 'Head is signed with a key that is not trusted.'
            : verdict === 'malformed'
              ? 'Head is malformed.'
              : 'Head signature does not verify: the head was altered or forged.',
      });
      continue;
    }
    if (head.tenantId !== input.tenantId) {
      problems.add({
        code: 'TENANT_MISMATCH',
        headIndex: head.index,
        message: 'Head belongs to another tenant.',
      });
      continue;
    }
    plan(head, false);
    signedSize = Math.max(signedSize, head.treeSize);
    if (last !== undefined && head.index <= last.index) {
      const earlier = byIndex.get(head.index);
      problems.add({
        code: 'HEAD_REPLAYED',
        headIndex: head.index,
        message:
          earlier === undefined
            ? `Head ${head.index} comes after head ${last.index}: heads are out of order or an old head was replayed.`
            : earlier.signature !== head.signature
              ? `A second, different head ${head.index} follows head ${last.index}.`
              : `Head ${head.index} appears again after head ${last.index}: an old head was replayed.`,
      });
      continue;
    }
    const expected = last === undefined ? 0 : last.index + 1;
    if (head.index > expected) {
      problems.add({
        code: 'HEAD_INDEX_GAP',
        headIndex: expected,
        message: `Heads ${expected} to ${head.index - 1} are missing before head ${head.index}.`,
      });
    }
    if (last !== undefined && (head.treeSize < last.treeSize || head.time < last.time)) {
      problems.add({
        code: 'HEAD_NOT_EXTENDING',
        headIndex: head.index,
        message: `Head ${head.index} goes back in ${head.treeSize < last.treeSize ? 'tree size' : 'time'} from head ${last.index}.`,
      });
    }
    byIndex.set(head.index, head);
    last = head;
  }
  for (const witness of input.witnessHeads ?? []) {
    const problem = witnessProblem(witness, check(witness), input.tenantId, byIndex, last);
    if (problem !== undefined) {
      problems.add({ code: 'WITNESS_MISMATCH', ...problem });
      continue;
    }
    plan(witness, true);
  }
  return signedSize;
}

function witnessProblem(
  witness: SignedTreeHead,
  verdict: string,
  tenantId: string,
  stored: ReadonlyMap<number, SignedTreeHead>,
  newest: SignedTreeHead | undefined,
): { headIndex?: number; message: string } | undefined {
  const headIndex = indexOf(witness);
  const at = headIndex === undefined ? {} : { headIndex };
  if (verdict !== 'ok') return { ...at, message: 'Witness head is not validly signed by a trusted key.' };
  if (witness.tenantId !== tenantId) return { ...at, message: 'Witness head belongs to another tenant.' };
  const mine = stored.get(witness.index);
  if (mine === undefined) {
    return newest === undefined || witness.index > newest.index
      ? { ...at, message: `The witness holds head ${witness.index}, which the log no longer has.` }
      : { ...at, message: `The witness holds head ${witness.index}, which is missing from the log.` };
  }
  if (
    mine.treeSize !== witness.treeSize ||
    mine.rootHash !== witness.rootHash ||
    mine.chainHash !== witness.chainHash ||
    mine.time !== witness.time
  ) {
    return { ...at, message: `Stored head ${witness.index} differs from the witness's copy.` };
  }
  return undefined;
}

/** The recomputed log: rows read so far, the Merkle frontier, and the two chain hashes. */
class LogState {
  rows = 0;
  private expectedSeq = 0;
  private readonly frontier = MerkleFrontier.empty();
  /** Follows the stored chain hashes, to report each break once. */
  private storedChain: Uint8Array = GENESIS_CHAIN_HASH;
  /** Built from the recomputed leaves only: what a head's chain hash must equal. */
  private trueChain: Uint8Array = GENESIS_CHAIN_HASH;
  private trueChainIsStored = true;

  constructor(
    private readonly tenantId: string,
    private readonly problems: Problems,
    private readonly schedule: ReadonlyMap<number, ScheduledHead[]>,
  ) {}

  get size(): number {
    return this.frontier.size;
  }

  root(): Buffer {
    return this.frontier.root();
  }

  add(row: StoredEventRow): void {
    this.rows++;
    const { problems } = this;
    const rowProblem = malformedRow(row);
    if (rowProblem !== undefined) {
      problems.add({ code: 'EVENT_INVALID', ...rowProblem });
      return;
    }
    // A stored id is shown only when it is a well-formed ULID: an edited row may hold anything.
    const where = ULID_PATTERN.test(row.id) ? { seq: row.seq, eventId: row.id } : { seq: row.seq };
    this.checkSeq(row.seq, where);

    const leaf = this.recomputeLeaf(row, where);
    const leafOk = bytesEqual(leaf, row.leafHash);
    if (!leafOk) {
      problems.add({
        code: 'LEAF_MISMATCH',
        ...where,
        message: `Event ${row.seq} differs from what was written: its leaf hash does not match its content.`,
      });
    }

    const chainOk = bytesEqual(nextChainHash(this.storedChain, row.leafHash), row.chainHash);
    if (!chainOk) {
      problems.add({
        code: 'CHAIN_BROKEN',
        ...where,
        message: `The hash chain breaks at event ${row.seq}: a row before it was removed, inserted or reordered, or its hashes were rewritten.`,
      });
    }
    if (chainOk && leafOk && this.trueChainIsStored) {
      this.trueChain = row.chainHash;
    } else {
      this.trueChain = nextChainHash(this.trueChain, leaf);
      this.trueChainIsStored = bytesEqual(this.trueChain, row.chainHash);
    }
    this.storedChain = row.chainHash;

    this.frontier.push(leaf);
    this.checkHeadsAtCurrentSize();
  }

  private checkSeq(seq: number, where: { seq: number; eventId?: string }): void {
    if (seq === this.expectedSeq) {
      this.expectedSeq++;
    } else if (seq > this.expectedSeq) {
      this.problems.add({
        code: 'SEQ_GAP',
        seq: this.expectedSeq,
        message: `Events ${this.expectedSeq} to ${seq - 1} are missing before event ${seq}.`,
      });
      this.expectedSeq = seq + 1;
    } else {
      this.problems.add({
        code: 'SEQ_MISMATCH',
        ...where,
        message: `Event ${seq} arrives after event ${this.expectedSeq - 1}: rows are out of order or duplicated.`,
      });
    }
  }

  /** The leaf hash of the body; the stored one when the body cannot even be serialised. */
  private recomputeLeaf(row: StoredEventRow, where: { seq: number; eventId?: string }): Uint8Array {
    const { problems } = this;
    const problem = riskEventProblem(row.body);
    if (problem !== undefined) {
      const path = problem.path.length > 0 ? `${safePath(problem.path).join('.')}: ` : '';
      problems.add({
        code: 'EVENT_INVALID',
        ...where,
        message: `Event ${row.seq} is not valid: ${path}${problem.message}.`,
      });
    } else {
      const event = row.body as RiskEvent;
      if (event.seq !== row.seq) {
        problems.add({
          code: 'SEQ_MISMATCH',
          ...where,
          message: `The event stored at ${row.seq} says it is event ${event.seq}.`,
        });
      }
      if (event.tenantId !== this.tenantId) {
        problems.add({
          code: 'TENANT_MISMATCH',
          ...where,
          message: `Event ${row.seq} belongs to another tenant.`,
        });
      }
      if (event.id !== row.id) {
        problems.add({
          code: 'EVENT_INVALID',
          ...where,
          message: `Event ${row.seq} has a different id in its body.`,
        });
      }
    }
    if (problem === undefined) return validEventLeafHash(row.body as RiskEvent);
    try {
      return leafHashOfText(canonicalJson(row.body));
    } catch {
      return row.leafHash;
    }
  }

  checkHeadsAtCurrentSize(): void {
    const due = this.schedule.get(this.frontier.size);
    if (due === undefined) return;
    const root = this.frontier.size === 0 ? EMPTY_TREE_ROOT : this.frontier.root();
    const rootHex = root.toString('hex');
    const chainHex = Buffer.from(this.trueChain).toString('hex');
    for (const { head, witness } of due) {
      const who = witness ? `Witness head ${head.index}` : `Head ${head.index}`;
      if (head.rootHash !== rootHex) {
        this.problems.add({
          code: witness ? 'WITNESS_MISMATCH' : 'HEAD_ROOT_MISMATCH',
          headIndex: head.index,
          message: `${who} signs a Merkle root that differs from the one recomputed from the first ${head.treeSize} events.`,
        });
      }
      if (head.chainHash !== chainHex) {
        this.problems.add({
          code: witness ? 'WITNESS_MISMATCH' : 'HEAD_CHAIN_MISMATCH',
          headIndex: head.index,
          message: `${who} signs a chain hash that differs from the one recomputed from the first ${head.treeSize} events.`,
        });
      }
    }
  }
}

function malformedRow(row: StoredEventRow): { seq?: number; eventId?: string; message: string } | undefined {
  const seq =
    typeof row?.seq === 'number' && Number.isSafeInteger(row.seq) && row.seq >= 0 ? row.seq : undefined;
  const at = seq === undefined ? {} : { seq };
  if (seq === undefined) return { message: 'A row has no valid seq.' };
  if (typeof row.id !== 'string') return { ...at, message: `Row ${seq} has no id.` };
  if (!(row.leafHash instanceof Uint8Array) || row.leafHash.length !== HASH_BYTES) {
    return { ...at, message: `Row ${seq} has no 32-byte leaf hash.` };
  }
  if (!(row.chainHash instanceof Uint8Array) || row.chainHash.length !== HASH_BYTES) {
    return { ...at, message: `Row ${seq} has no 32-byte chain hash.` };
  }
  return undefined;
}
