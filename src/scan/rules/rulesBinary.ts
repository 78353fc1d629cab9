import type { Automaton } from './ahoCorasick.js';
import type { CompiledRules, RuleMeta } from './compile.js';

/**
 * Compiled rules as one binary blob: the automaton and matcher tables exactly as `compileTables`
 * builds them, so a process maps typed arrays instead of building a 65,000-node automaton at
 * start-up (which, before the JIT has warmed up, is most of the scanner's cold start).
 *
 * Layout (little-endian): "MRUL", u32 format version, u32 header length, the header as UTF-8
 * JSON (rule metadata and scalars), padding to 4 bytes, then each table in `TABLES` order as
 * u32 element count followed by its elements, padded to 4 bytes. The root transition table is
 * stored sparse (unit, target pairs) and expanded on load.
 */
const MAGIC = 0x4c55524d; // "MRUL"
export const RULES_BINARY_VERSION = 3;

interface Header {
  readonly rules: readonly RuleMeta[];
  readonly patternCount: number;
  readonly denseRows: number;
  readonly totalSteps: number;
}

type TableName =
  | 'patternLengths'
  | 'rootPairs'
  | 'edgeStart'
  | 'edgeUnit'
  | 'edgeTarget'
  | 'dense'
  | 'fail'
  | 'dictLink'
  | 'outStart'
  | 'outPatterns'
  | 'needsStartBoundary'
  | 'needsEndBoundary'
  | 'isStem'
  | 'stepsStart'
  | 'stepRule'
  | 'stepIndex'
  | 'ruleStepBase'
  | 'ruleStepCount'
  | 'ruleWindow';

/** Table order and element type: 'i' Int32, 'h' Uint16, 'u' Uint8. */
const TABLES: ReadonlyArray<readonly [TableName, 'i' | 'h' | 'u']> = [
  ['patternLengths', 'i'],
  ['rootPairs', 'i'],
  ['edgeStart', 'i'],
  ['edgeUnit', 'h'],
  ['edgeTarget', 'i'],
  ['dense', 'h'],
  ['fail', 'i'],
  ['dictLink', 'i'],
  ['outStart', 'i'],
  ['outPatterns', 'i'],
  ['needsStartBoundary', 'u'],
  ['needsEndBoundary', 'u'],
  ['isStem', 'u'],
  ['stepsStart', 'i'],
  ['stepRule', 'i'],
  ['stepIndex', 'i'],
  ['ruleStepBase', 'i'],
  ['ruleStepCount', 'i'],
  ['ruleWindow', 'i'],
];

const ROOT_SIZE = 0x10000;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function rootPairs(root: Int32Array): Int32Array {
  const pairs: number[] = [];
  for (let unit = 0; unit < root.length; unit++) if (root[unit] !== 0) pairs.push(unit, root[unit]!);
  return Int32Array.from(pairs);
}

type Table = Int32Array | Uint16Array | Uint8Array;

const BYTES: Readonly<Record<'i' | 'h' | 'u', number>> = { i: 4, h: 2, u: 1 };

function tablesOf(c: CompiledRules): Record<TableName, Table> {
  const a = c.automaton;
  return {
    patternLengths: a.patternLengths,
    rootPairs: rootPairs(a.root),
    edgeStart: a.edgeStart,
    edgeUnit: a.edgeUnit,
    edgeTarget: a.edgeTarget,
    dense: a.dense,
    fail: a.fail,
    dictLink: a.dictLink,
    outStart: a.outStart,
    outPatterns: a.outPatterns,
    needsStartBoundary: c.needsStartBoundary,
    needsEndBoundary: c.needsEndBoundary,
    isStem: c.isStem,
    stepsStart: c.stepsStart,
    stepRule: c.stepRule,
    stepIndex: c.stepIndex,
    ruleStepBase: c.ruleStepBase,
    ruleStepCount: c.ruleStepCount,
    ruleWindow: c.ruleWindow,
  };
}

/** Serialises compiled rules (build time: `npm run build:rules`). */
export function encodeCompiledRules(c: CompiledRules): Uint8Array {
  const header: Header = {
    rules: c.rules,
    patternCount: c.automaton.patternCount,
    denseRows: c.automaton.denseRows,
    totalSteps: c.totalSteps,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const tables = tablesOf(c);
  let size = pad4(12 + json.length);
  for (const [name] of TABLES) size += 4 + pad4(tables[name].byteLength);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, RULES_BINARY_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let at = pad4(12 + json.length);
  for (const [name, type] of TABLES) {
    const table = tables[name];
    view.setUint32(at, table.length, true);
    at += 4;
    if (type === 'i') for (let k = 0; k < table.length; k++) view.setInt32(at + 4 * k, table[k]!, true);
    else if (type === 'h') for (let k = 0; k < table.length; k++) view.setUint16(at + 2 * k, table[k]!, true);
    else bytes.set(table, at);
    at += pad4(table.byteLength);
  }
  return bytes;
}

function corrupt(what: string): Error {
  return new Error(`compiled rules binary is corrupt (${what}); regenerate it with npm run build:rules`);
}

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Maps a blob written by `encodeCompiledRules` back to compiled rules, checking every length
 * against the others so a truncated or mismatched file fails at load, not mid-scan.
 */
export function decodeCompiledRules(input: Uint8Array): CompiledRules {
  // Typed-array views need 4-byte alignment: copy if the caller's buffer is not aligned.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== MAGIC) throw corrupt('magic');
  if (view.getUint32(4, true) !== RULES_BINARY_VERSION) throw corrupt('version');
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.length) throw corrupt('header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as Header;
  let at = pad4(12 + jsonLength);
  const tables = {} as Record<TableName, Table>;
  for (const [name, type] of TABLES) {
    if (at + 4 > bytes.length) throw corrupt(name);
    const count = view.getUint32(at, true);
    at += 4;
    const byteLength = BYTES[type] * count;
    if (at + byteLength > bytes.length) throw corrupt(name);
    if (type === 'u') tables[name] = bytes.subarray(at, at + count);
    else if (type === 'h') {
      tables[name] = littleEndian
        ? new Uint16Array(bytes.buffer, bytes.byteOffset + at, count)
        : Uint16Array.from({ length: count }, (_, k) => view.getUint16(at + 2 * k, true));
    } else {
      tables[name] = littleEndian
        ? new Int32Array(bytes.buffer, bytes.byteOffset + at, count)
        : Int32Array.from({ length: count }, (_, k) => view.getInt32(at + 4 * k, true));
    }
    at += pad4(byteLength);
  }
  type ByteTable = 'needsStartBoundary' | 'needsEndBoundary' | 'isStem';
  const t = tables as Record<Exclude<TableName, ByteTable | 'edgeUnit' | 'dense'>, Int32Array> &
    Record<ByteTable, Uint8Array> & { edgeUnit: Uint16Array; dense: Uint16Array };
  const patterns = header.patternCount;
  const nodes = t.fail.length;
  const rules = header.rules.length;
  const edges = t.edgeUnit.length;
  if (
    t.patternLengths.length !== patterns ||
    t.needsStartBoundary.length !== patterns ||
    t.needsEndBoundary.length !== patterns ||
    t.isStem.length !== patterns ||
    t.stepsStart.length !== patterns + 1 ||
    t.stepRule.length !== t.stepIndex.length ||
    t.dictLink.length !== nodes ||
    t.outStart.length !== nodes + 1 ||
    t.edgeStart.length !== nodes + 1 ||
    t.edgeTarget.length !== edges ||
    t.edgeStart[nodes] !== edges ||
    !(header.denseRows >= 1 && header.denseRows <= nodes) ||
    t.dense.length !== header.denseRows * 128 ||
    t.rootPairs.length % 2 !== 0 ||
    t.ruleStepBase.length !== rules ||
    t.ruleStepCount.length !== rules ||
    t.ruleWindow.length !== rules
  ) {
    throw corrupt('table lengths');
  }
  // Every state index in range, and fail links strictly towards the root (states are numbered
  // breadth first): a corrupt file then cannot send a scan out of bounds or round a fail cycle.
  for (let m = 1; m < nodes; m++) if (!(t.fail[m]! >= 0 && t.fail[m]! < m)) throw corrupt('fail links');
  for (let m = 0; m < nodes; m++)
    if (!(t.dictLink[m]! >= -1 && t.dictLink[m]! < nodes)) throw corrupt('dictionary links');
  for (let k = 0; k < edges; k++)
    if (!(t.edgeTarget[k]! > 0 && t.edgeTarget[k]! < nodes)) throw corrupt('edges');
  for (let k = 0; k < t.dense.length; k++) if (!(t.dense[k]! < nodes)) throw corrupt('dense rows');
  for (let k = 0; k < t.outPatterns.length; k++) {
    if (!(t.outPatterns[k]! >= 0 && t.outPatterns[k]! < patterns)) throw corrupt('outputs');
  }
  for (let m = 0; m < nodes; m++) {
    if (!(t.edgeStart[m]! <= t.edgeStart[m + 1]! && t.outStart[m]! <= t.outStart[m + 1]!))
      throw corrupt('ranges');
  }
  if (t.outStart[nodes] !== t.outPatterns.length) throw corrupt('outputs');
  const root = new Int32Array(ROOT_SIZE);
  for (let k = 0; k < t.rootPairs.length; k += 2) {
    const unit = t.rootPairs[k]!;
    const target = t.rootPairs[k + 1]!;
    if (unit < 0 || unit >= ROOT_SIZE || target <= 0 || target >= nodes) throw corrupt('root');
    root[unit] = target;
  }
  const automaton: Automaton = {
    patternCount: patterns,
    patternLengths: t.patternLengths,
    root,
    edgeStart: t.edgeStart,
    edgeUnit: t.edgeUnit,
    edgeTarget: t.edgeTarget,
    denseRows: header.denseRows,
    dense: t.dense,
    fail: t.fail,
    dictLink: t.dictLink,
    outStart: t.outStart,
    outPatterns: t.outPatterns,
  };
  return {
    rules: header.rules,
    automaton,
    needsStartBoundary: t.needsStartBoundary,
    needsEndBoundary: t.needsEndBoundary,
    isStem: t.isStem,
    stepsStart: t.stepsStart,
    stepRule: t.stepRule,
    stepIndex: t.stepIndex,
    ruleStepBase: t.ruleStepBase,
    ruleStepCount: t.ruleStepCount,
    ruleWindow: t.ruleWindow,
    totalSteps: header.totalSteps,
  };
}
