/**
 * The on-disk format of a linear injection model: JSON with int8-quantised weights in base64,
 * checked at load against the shape of `ModelFileSchema` (without loading zod). Pure TypeScript (no Buffer, no node:crypto) so that inference runs
 * in any JavaScript runtime.
 */
import { MaestroError } from '../../errors/index.js';
import {
  type FeatureConfig,
  featureDimension,
  STRUCTURAL_FEATURES,
  validateFeatureConfig,
} from './features.js';
import type { ModelFile } from './modelFileSchema.js';

export const MODEL_FORMAT = 'maestro.injection-linear';
export const MODEL_FORMAT_VERSION = 1;

/** A field of the model file: a primitive, a literal, a list, a string-keyed map or a nested object. */
type Shape =
  | 'num'
  | 'int'
  | 'str'
  | 'bool'
  | { readonly literal: string | number }
  | { readonly list: Shape }
  | { readonly map: readonly ('num' | 'str' | 'bool')[] }
  | { readonly fields: Readonly<Record<string, Shape>>; readonly optional?: readonly string[] };

const METRICS_SHAPE: Shape = {
  fields: {
    rows: 'int',
    positives: 'int',
    negatives: 'int',
    auc: 'num',
    threshold: 'num',
    precision: 'num',
    recall: 'num',
    f1: 'num',
    fpr: 'num',
  },
};

/** `ModelFileSchema` (modelFileSchema.ts) field for field; a property test keeps them equal. */
const MODEL_FILE_SHAPE: Shape = {
  fields: {
    format: { literal: MODEL_FORMAT },
    version: { literal: MODEL_FORMAT_VERSION },
    id: 'str',
    description: 'str',
    features: {
      fields: {
        bits: 'int',
        charMin: 'int',
        charMax: 'int',
        wordUnigrams: 'bool',
        wordBigrams: 'bool',
        foldDigits: 'bool',
        structural: 'bool',
        wordWeight: 'num',
        segmentWeight: 'num',
        maxFeatures: 'int',
      },
    },
    weights: {
      fields: { encoding: { literal: 'int8' }, scale: 'num', length: 'int', checksum: 'str', data: 'str' },
    },
    structuralWeights: { list: 'num' },
    bias: 'num',
    threshold: 'num',
    training: {
      fields: {
        file: 'str',
        sha256: 'str',
        rows: 'int',
        positives: 'int',
        negatives: 'int',
        seed: 'int',
        hyperparameters: { map: ['num', 'str', 'bool'] },
      },
    },
    metrics: { fields: { dev: METRICS_SHAPE }, optional: ['dev'] },
  },
  optional: ['description'],
};

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function primitiveOk(shape: 'num' | 'int' | 'str' | 'bool', value: unknown): boolean {
  switch (shape) {
    case 'num':
      return typeof value === 'number' && Number.isFinite(value);
    case 'int':
      return Number.isSafeInteger(value);
    case 'str':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
  }
}

/** Where `value` departs from `shape` (a dotted path), or undefined when it fits. */
function shapeProblem(shape: Shape, value: unknown, path: string): string | undefined {
  if (typeof shape === 'string')
    return primitiveOk(shape, value) ? undefined : `expected ${shape} at ${path}`;
  if ('literal' in shape) return value === shape.literal ? undefined : `unexpected value at ${path}`;
  if ('list' in shape) {
    if (!Array.isArray(value)) return `expected a list at ${path}`;
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(shape.list, value[i], `${path}.${i}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (!isPlainRecord(value)) return `expected an object at ${path}`;
  if ('map' in shape) {
    for (const key of Object.keys(value)) {
      if (!shape.map.some((s) => primitiveOk(s, value[key]))) return `unexpected value at ${path}.${key}`;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.fields, key)) return `unknown key ${key} at ${path}`;
  }
  for (const [key, field] of Object.entries(shape.fields)) {
    const v = value[key];
    if (v === undefined && shape.optional?.includes(key) === true) continue;
    const problem = shapeProblem(field, v, `${path}.${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Where a model file departs from `ModelFileSchema`, or undefined when it fits. */
export function modelFileProblem(input: unknown): string | undefined {
  return shapeProblem(MODEL_FILE_SHAPE, input, '(root)');
}

/** A decoded model: what inference needs, decoded once. */
export interface DecodedModel {
  readonly id: string;
  readonly features: FeatureConfig;
  /** Quantised bucket weights; real weight = q × scale. */
  readonly weights: Int8Array;
  readonly scale: number;
  readonly structuralWeights: Float64Array;
  readonly bias: number;
  readonly threshold: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Byte → sextet, 255 for bytes outside the alphabet. */
const B64_INDEX = new Uint8Array(256).fill(255);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    chunk += `${B64[n >>> 18]!}${B64[(n >>> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk += `${B64[n >>> 18]!}${B64[(n >>> 12) & 63]!}${B64[(n >>> 6) & 63]!}=`;
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Strict base64 decoding (standard alphabet, `=` padding only at the end): throws on anything
 * else. The text is first copied to bytes with `TextEncoder.encodeInto` (native), which is much
 * faster than reading it with `charCodeAt`.
 */
export function decodeBase64(text: string): Uint8Array {
  const n = text.length;
  if (n % 4 !== 0) throw new Error('base64 length is not a multiple of 4');
  const raw = new Uint8Array(n);
  const r = new TextEncoder().encodeInto(text, raw);
  if (r.read !== n || r.written !== n) throw new Error('base64 text has non-ASCII characters');
  let pad = 0;
  if (n > 0 && raw[n - 1] === 0x3d) pad = raw[n - 2] === 0x3d ? 2 : 1;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const full = pad === 0 ? n : n - 4;
  let o = 0;
  let bad = 0;
  for (let i = 0; i < full; i += 4) {
    const a = B64_INDEX[raw[i]!]!;
    const b = B64_INDEX[raw[i + 1]!]!;
    const c = B64_INDEX[raw[i + 2]!]!;
    const d = B64_INDEX[raw[i + 3]!]!;
    bad |= a | b | c | d;
    out[o++] = (a << 2) | (b >>> 4);
    out[o++] = ((b & 15) << 4) | (c >>> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  if (pad > 0) {
    const a = B64_INDEX[raw[n - 4]!]!;
    const b = B64_INDEX[raw[n - 3]!]!;
    const c = pad === 1 ? B64_INDEX[raw[n - 2]!]! : 0;
    bad |= a | b | c;
    out[o++] = (a << 2) | (b >>> 4);
    if (pad === 1) out[o++] = ((b & 15) << 4) | (c >>> 2);
  }
  // Every valid sextet is < 64; 255 marks a byte outside the alphabet (including a stray '=').
  if ((bad & 0x80) !== 0) throw new Error('invalid base64 character');
  return out;
}

/**
 * Checksum of the weight bytes: FNV-1a over little-endian 32-bit words (the last word padded
 * with zeros), as 8 lowercase hex digits. Words rather than bytes: four times fewer steps, which
 * matters at module load when this loop has not been optimised yet.
 */
export function checksumBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5 | 0;
  const n = bytes.length;
  const full = n - (n % 4);
  for (let i = 0; i < full; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = Math.imul(h ^ w, 0x01000193);
  }
  if (full < n) {
    let w = 0;
    for (let i = full; i < n; i++) w |= bytes[i]! << (8 * (i - full));
    h = Math.imul(h ^ w, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Symmetric int8 quantisation with one scale: q = round(w / scale), scale = max|w| / 127. */
export function quantizeInt8(weights: ArrayLike<number>): { q: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]!);
    if (a > max) max = a;
  }
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const v = Math.round(weights[i]! / scale);
    q[i] = Math.max(-127, Math.min(127, v));
  }
  return { q, scale };
}

interface NodeBufferClass {
  from(text: string, encoding: 'base64'): Uint8Array;
  from(bytes: Uint8Array): { toString(encoding: 'base64'): string };
}

/**
 * Decodes the weights once at load. Node's `Buffer` decodes natively; the pure-TypeScript decoder
 * (used where there is no `Buffer`) runs un-optimised at load and takes several milliseconds for
 * 350 KB. Both are strict: `Buffer` skips characters outside the alphabet silently, so its result
 * must re-encode to exactly the input (which also rejects misplaced padding).
 */
function decodeWeights(text: string): Uint8Array {
  const buffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
  if (buffer === undefined) return decodeBase64(text);
  const bytes = buffer.from(text, 'base64');
  if (buffer.from(bytes).toString('base64') !== text) throw new Error('invalid base64');
  return bytes;
}

/** The error a bad model file raises: what is wrong and where, never the file's content. */
export class ModelFileError extends MaestroError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ERR_INVALID_OPTIONS', {
      message: `Invalid injection model file: ${message}.`,
      cause: options.cause,
    });
    this.name = 'ModelFileError';
  }
}

/** Checks and decodes a model file. Throws `ModelFileError` on anything inconsistent. */
export function decodeModelFile(input: unknown): DecodedModel {
  const problem = modelFileProblem(input);
  if (problem !== undefined) throw new ModelFileError(problem);
  const m = input as ModelFile;
  try {
    validateFeatureConfig(m.features);
  } catch (cause) {
    throw new ModelFileError(cause instanceof Error ? cause.message : 'bad feature config');
  }
  if (m.id.length === 0 || m.id.length > 128) throw new ModelFileError('id must have 1 to 128 characters');
  if (!(m.weights.scale > 0)) throw new ModelFileError('weights.scale must be positive');
  if (!(m.threshold >= 0 && m.threshold <= 1)) throw new ModelFileError('threshold must be in [0, 1]');
  if (m.weights.checksum.length !== 8) throw new ModelFileError('weights.checksum must have 8 hex digits');
  const buckets = 1 << m.features.bits;
  if (m.weights.length !== buckets) throw new ModelFileError(`weights.length is not 2^${m.features.bits}`);
  let bytes: Uint8Array;
  try {
    bytes = decodeWeights(m.weights.data);
  } catch (cause) {
    throw new ModelFileError('weights.data is not valid base64', { cause });
  }
  if (bytes.length !== m.weights.length) throw new ModelFileError('weights.data has the wrong length');
  if (checksumBytes(bytes) !== m.weights.checksum)
    throw new ModelFileError('weights.data fails its checksum');
  const structural = m.features.structural ? STRUCTURAL_FEATURES.length : 0;
  if (m.structuralWeights.length !== structural) {
    throw new ModelFileError(`structuralWeights must have ${structural} entries`);
  }
  if (featureDimension(m.features) !== buckets + structural)
    throw new ModelFileError('inconsistent dimension');
  return {
    id: m.id,
    features: m.features,
    weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    scale: m.weights.scale,
    structuralWeights: Float64Array.from(m.structuralWeights),
    bias: m.bias,
    threshold: m.threshold,
  };
}
