/**
 * Hashed sparse features of a text for the linear injection classifier.
 *
 * The featuriser canonicalises by itself (it must not depend on what other normalisers did):
 * NFKC, lowercase, drop zero-width/format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF,
 * U+00AD) and controls, collapse whitespace runs to one space. It then emits
 *   - character n-grams (`charMin..charMax`, at most 5) over the canonical text padded with one
 *     space either side, hashed with a polynomial rolling hash over char codes;
 *   - word unigrams and bigrams (FNV-1a over the word's char codes);
 *   - the words and word pairs of the most instruction-like segment (line, table cell or
 *     sentence), in their own namespace and normalised on their own (see `segmentWeight`);
 * into 2^bits buckets with signed feature hashing (`Math.imul` mixing, no strings). Features are
 * binary (present or not); chosen on dev over log-scaled counts, which scored slightly lower and
 * need a counter per bucket instead of one bit. Char and word features share one L2 norm; the
 * segment block has its own. Eleven dense structural features follow the buckets.
 *
 * Everything runs over char codes in reusable typed-array scratch buffers: no substrings, no
 * regular expressions, no per-feature allocation. Work is linear in the length of the text, and
 * the number of distinct buckets per text is capped by `maxFeatures`.
 */

/** How a text is turned into features. Stored in the model file; must match at inference. */
export interface FeatureConfig {
  /** log2 of the number of hash buckets (16..22). */
  readonly bits: number;
  /** Shortest and longest character n-gram (at most 5); `charMin: 0` disables character n-grams. */
  readonly charMin: number;
  readonly charMax: number;
  readonly wordUnigrams: boolean;
  readonly wordBigrams: boolean;
  /** Map every ASCII digit to `0` before hashing (numbers carry little signal, tables have many). */
  readonly foldDigits: boolean;
  /** Append the dense structural features of `STRUCTURAL_FEATURES`. */
  readonly structural: boolean;
  /** Relative weight of the word features against the character n-grams before normalisation. */
  readonly wordWeight: number;
  /**
   * Also hash the words of the most instruction-like segment (line, table cell or sentence with
   * the most cue words: second person, imperative sentence start, "response"/"reply"/…, modals,
   * question mark) into their own namespace, normalised on their own to `segmentWeight`. An order
   * hidden in a long document then weighs as much as it would on its own. Needs `structural`.
   */
  readonly segmentWeight: number;
  /** Cap on distinct hashed buckets per text; later new buckets are dropped (deterministically). */
  readonly maxFeatures: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  bits: 18,
  charMin: 1,
  charMax: 3,
  wordUnigrams: true,
  wordBigrams: true,
  foldDigits: true,
  structural: true,
  wordWeight: 1,
  segmentWeight: 0.7,
  maxFeatures: 1 << 17,
};

/** Names of the dense structural features, in the order they follow the hashed buckets. */
export const STRUCTURAL_FEATURES = [
  'length',
  'tableLineShare',
  'codeCharDensity',
  'secondPersonShare',
  'imperativeSentenceStarts',
  'questionMarks',
  'foreignLineInTable',
  'proseSegmentInDocument',
  'instructionSegmentInDocument',
  'instructionSegments',
  'longestSegmentInDocument',
] as const;

/** A sparse feature vector. The arrays are scratch owned by the featuriser: read before the next call. */
export interface SparseFeatures {
  /** Bucket indices in `[0, 2^bits)`; only the first `nnz` entries are valid. */
  readonly indices: Uint32Array;
  /** Values matching `indices`; together they have L2 norm 1 (or are all absent). */
  readonly values: Float32Array;
  readonly nnz: number;
  /** Dense structural features (length `STRUCTURAL_FEATURES.length`, or 0 when disabled). */
  readonly dense: Float64Array;
}

const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const FAMILY_UNIGRAM = 0x7f4a7c15 | 0;
const FAMILY_BIGRAM = 0x2545f491 | 0;
const FAMILY_SEGMENT = 0x3c6ef372 | 0;

/** murmur3 fmix32: a full avalanche of a 32-bit value. */
export function fmix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Zero-width and format characters dropped by canonicalisation. */
export function isDroppedFormatChar(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad;
}

/** Whitespace collapsed to one space by canonicalisation (after NFKC, most exotic spaces are U+0020). */
export function isSpaceChar(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Letters and digits of any script, as far as a cheap range test can tell. Surrogates count as separators. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  }
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing, dingbats
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xf8ff) return false; // surrogates (emoji, rare scripts) and private use
  if (c >= 0xfe10 && c <= 0xfe6f) return false; // vertical and small forms
  if (c >= 0xff00 && c <= 0xff0f) return false; // fullwidth punctuation left after NFKC
  return true;
}

/** ASCII canonicalisation tables: 0 drop (controls), 1 space, 2 line break, else the output char. */
const CANON_DROP = 0;
const CANON_SPACE = 1;
const CANON_NEWLINE = 2;
const ASCII_CANON = new Uint16Array(128);
const ASCII_CANON_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  let v: number = c;
  if (c === 0x0a || c === 0x0d) v = CANON_NEWLINE;
  else if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) v = CANON_SPACE;
  else if (c < 0x20 || c === 0x7f) v = CANON_DROP;
  else if (c >= 0x41 && c <= 0x5a) v = c + 0x20;
  ASCII_CANON[c] = v;
  ASCII_CANON_FOLD[c] = c >= 0x31 && c <= 0x39 ? 0x30 : v;
}

/** Reusable buffers: the code units to canonicalise, their UTF-8 bytes, the canonical text. */
interface Scratch {
  src: Uint16Array;
  bytes: Uint8Array;
  buf: Uint16Array;
}

const ENCODER = new TextEncoder();

/**
 * Loads the code units the featuriser canonicalises into `scratch.src` and returns their count.
 * Pure-ASCII text (detected by `TextEncoder.encodeInto` writing one byte per code unit, far
 * faster than `charCodeAt`) is taken as is: NFKC and `toLowerCase` are the identity on ASCII
 * apart from A–Z, which the canonicalisation table lowers. Anything else is NFKC-normalised and
 * lowercased first.
 */
function loadCodeUnits(text: string, scratch: Scratch): number {
  const n = text.length;
  if (scratch.bytes.length < n) scratch.bytes = new Uint8Array(n + (n >> 1));
  const r = ENCODER.encodeInto(text, scratch.bytes);
  if (r.read === n && r.written === n) {
    if (scratch.src.length < n) scratch.src = new Uint16Array(n + (n >> 1));
    scratch.src.set(scratch.bytes.subarray(0, n));
    return n;
  }
  const s = text.normalize('NFKC').toLowerCase();
  const m = s.length;
  if (scratch.src.length < m) scratch.src = new Uint16Array(m + (m >> 1));
  const src = scratch.src;
  if (NATIVE_UTF16 !== undefined) {
    // One native copy instead of a charCodeAt loop (three times faster on a kilobyte).
    NATIVE_UTF16.from(src.buffer, src.byteOffset, src.byteLength).write(s, 0, 'utf16le');
  } else {
    for (let i = 0; i < m; i++) src[i] = s.charCodeAt(i);
  }
  return m;
}

interface NodeBufferView {
  write(text: string, offset: number, encoding: 'utf16le'): number;
}

/**
 * Node's `Buffer` where there is one (a view over the scratch memory, written natively), on a
 * little-endian machine, where UTF-16LE bytes are the code units `Uint16Array` reads.
 */
const NATIVE_UTF16 = (():
  | { from(buffer: ArrayBufferLike, offset: number, length: number): NodeBufferView }
  | undefined => {
  const buffer = (
    globalThis as {
      Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): NodeBufferView };
    }
  ).Buffer;
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  return littleEndian ? buffer : undefined;
})();

function scratchToString(buf: Uint16Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 4096)
    out += String.fromCharCode(...buf.subarray(i, Math.min(to, i + 4096)));
  return out;
}

let canonicalizer: Featurizer | undefined;

/**
 * The canonical form the featuriser works on: NFKC, lowercase, zero-width/format and control
 * characters dropped, whitespace runs collapsed to one space, trimmed.
 */
export function canonicalize(text: string): string {
  if (canonicalizer === undefined) {
    canonicalizer = new Featurizer({ ...DEFAULT_FEATURE_CONFIG, foldDigits: false, charMin: 0, charMax: 0 });
  }
  return canonicalizer.canonical(text);
}

/** Checks a feature configuration; throws a plain Error naming the bad field. */
export function validateFeatureConfig(config: FeatureConfig): void {
  const int = (name: string, v: number, lo: number, hi: number): void => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new Error(`feature config: ${name} must be ${lo}..${hi}`);
  };
  int('bits', config.bits, 10, 24);
  int('charMin', config.charMin, 0, 5);
  int('charMax', config.charMax, 0, 5);
  if (config.charMin > 0 && config.charMax < config.charMin)
    throw new Error('feature config: charMax < charMin');
  int('maxFeatures', config.maxFeatures, 16, 1 << 22);
  if (!Number.isFinite(config.wordWeight) || config.wordWeight < 0 || config.wordWeight > 100) {
    throw new Error('feature config: wordWeight must be in [0, 100]');
  }
  if (!Number.isFinite(config.segmentWeight) || config.segmentWeight < 0 || config.segmentWeight > 100) {
    throw new Error('feature config: segmentWeight must be in [0, 100]');
  }
}

/** Number of weights a model with this configuration has: buckets followed by structural features. */
export function featureDimension(config: FeatureConfig): number {
  return (1 << config.bits) + (config.structural ? STRUCTURAL_FEATURES.length : 0);
}

// Word lists for the structural features, hashed once with the same FNV-1a as tokens.
const SECOND_PERSON = 'you your yours yourself yourselves youre youll youve ur'.split(' ');
const IMPERATIVES = (
  'ignore disregard forget override bypass pretend act imagine roleplay respond reply answer ' +
  'include add insert append prepend start begin end provide write print output say tell reveal ' +
  'show repeat translate summarize summarise explain describe list generate create make send email ' +
  'forward share post upload download visit click open run execute call use ensure remember always ' +
  'never do dont stop instead now from henceforth enhance augment integrate incorporate merge weave ' +
  'embed emphasize emphasise mention recommend promote advertise encourage urge inform notify ' +
  'remind please kindly must should modify change replace rewrite format convert delete remove drop ' +
  'leak disclose ask request direct redirect update'
).split(' ');

const OUTPUT_NOUNS = (
  'response responses reply replies answer answers output message messages solution summary ' +
  'translation explanation elucidation analysis instructions instruction prompt rules guidelines ' +
  'assistant ai model system chatgpt'
).split(' ');
const MODALS = 'must should always never now immediately instead only forget ignore'.split(' ');

export function hashWord(word: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

const CLASS_SECOND_PERSON = 1;
const CLASS_IMPERATIVE = 2;
const CLASS_CUE = 4;

/**
 * Word hash → class bits, an open-addressing table probed once per word (no Map, no strings on
 * the hot path). Two different words could share a 32-bit hash; for these short lists that is
 * harmless noise, and it is deterministic.
 */
class WordClasses {
  private readonly keys: Int32Array;
  private readonly classes: Uint8Array;
  private readonly mask: number;

  constructor(lists: ReadonlyArray<readonly [readonly string[], number]>) {
    let total = 0;
    for (const [words] of lists) total += words.length;
    let size = 16;
    while (size < total * 4) size <<= 1;
    this.keys = new Int32Array(size);
    this.classes = new Uint8Array(size);
    this.mask = size - 1;
    for (const [words, cls] of lists) {
      for (const w of words) {
        const h = hashWord(w);
        let i = this.slot(h);
        while (this.classes[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
        this.keys[i] = h;
        this.classes[i] = this.classes[i]! | cls;
      }
    }
  }

  private slot(h: number): number {
    return (Math.imul(h, 0x9e3779b1) >>> 16) & this.mask;
  }

  /** Class bits of the word with FNV-1a hash `h` (0 for most words). */
  get(h: number): number {
    let i = this.slot(h);
    for (;;) {
      const cls = this.classes[i]!;
      if (cls === 0 || this.keys[i] === h) return cls;
      i = (i + 1) & this.mask;
    }
  }
}

const WORD_CLASSES = new WordClasses([
  [SECOND_PERSON, CLASS_SECOND_PERSON],
  [IMPERATIVES, CLASS_IMPERATIVE],
  [OUTPUT_NOUNS, CLASS_CUE],
  [MODALS, CLASS_CUE],
]);

const PUNCT_CODE = 1;
const PUNCT_SENTENCE_END = 2;
/** ASCII punctuation classes: code characters and sentence ends. */
const ASCII_PUNCT = new Uint8Array(128);
for (const ch of '{}()[];=<>_#"') ASCII_PUNCT[ch.charCodeAt(0)] = PUNCT_CODE;
for (const ch of '.!?') ASCII_PUNCT[ch.charCodeAt(0)] = PUNCT_SENTENCE_END;

/** Sentence end for the structural features. */
function isSentenceEnd(c: number): boolean {
  if (c < 0x80) return ASCII_PUNCT[c] === PUNCT_SENTENCE_END;
  return (
    c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x0964
  );
}

/**
 * Token and layout statistics behind the dense structural features. A segment is a line, or a
 * cell of a table line; an instruction-like segment inside a table or code document is the mark
 * of an indirect injection (an order hidden in data).
 */
class StructureStats {
  words = 0;
  second = 0;
  imperatives = 0;
  questions = 0;
  codeChars = 0;
  lines = 0;
  tableLines = 0;
  foreignLines = 0;
  proseSegments = 0;
  instructionSegments = 0;
  maxSegmentWords = 0;
  // Current line.
  private lineTable = false;
  private lineWords = 0;
  private lineStart = 1;
  // Current segment (a line, or a cell of a table line).
  private segWords = 0;
  private segCode = 0;
  private segStart = 1;
  private segCue = 0;
  private sentenceStart = true;

  reset(): void {
    this.words = 0;
    this.second = 0;
    this.imperatives = 0;
    this.questions = 0;
    this.codeChars = 0;
    this.lines = 0;
    this.tableLines = 0;
    this.foreignLines = 0;
    this.proseSegments = 0;
    this.instructionSegments = 0;
    this.maxSegmentWords = 0;
    this.lineTable = false;
    this.lineWords = 0;
    this.lineStart = 1;
    this.segWords = 0;
    this.segCode = 0;
    this.segStart = 1;
    this.segCue = 0;
    this.sentenceStart = true;
  }

  private closeSegment(pos: number): void {
    if (this.segWords >= 4 && this.segCode * 10 < pos - this.segStart) {
      this.proseSegments++;
      if (this.segCue > 0) this.instructionSegments++;
    }
    if (this.segWords > this.maxSegmentWords) this.maxSegmentWords = this.segWords;
    this.segWords = 0;
    this.segCode = 0;
    this.segStart = pos + 1;
    this.segCue = 0;
    this.sentenceStart = true;
  }

  private closeLine(pos: number): void {
    this.closeSegment(pos);
    if (pos > this.lineStart) {
      this.lines++;
      if (this.lineTable) this.tableLines++;
      else if (this.lineWords >= 2) this.foreignLines++;
    }
    this.lineWords = 0;
  }

  /** A new line starts at `pos` with character `first`. */
  newLine(pos: number, first: number): void {
    this.closeLine(pos);
    this.lineStart = pos;
    this.segStart = pos;
    this.lineTable = first === 0x7c;
  }

  /** Records a word; returns how many instruction cues it carries (for segment selection). */
  word(h: number): number {
    this.words++;
    this.lineWords++;
    this.segWords++;
    const cls = WORD_CLASSES.get(h);
    const start = this.sentenceStart;
    this.sentenceStart = false;
    if (cls === 0) return 0;
    let cue = 0;
    if ((cls & CLASS_SECOND_PERSON) !== 0) {
      this.second++;
      this.segCue++;
      cue++;
    }
    if (start && (cls & CLASS_IMPERATIVE) !== 0) {
      this.imperatives++;
      this.segCue++;
      cue++;
    }
    if ((cls & CLASS_CUE) !== 0) cue++;
    return cue;
  }

  /** Records a character that is neither part of a word nor a space. */
  punct(pos: number, c: number): void {
    if (c === 0x7c) {
      this.closeSegment(pos);
      return;
    }
    const cls = c < 0x80 ? ASCII_PUNCT[c]! : isSentenceEnd(c) ? PUNCT_SENTENCE_END : 0;
    if (cls === PUNCT_CODE) {
      this.codeChars++;
      this.segCode++;
    } else if (cls === PUNCT_SENTENCE_END) {
      this.sentenceStart = true;
      if (c === 0x3f) {
        this.questions++;
        this.segCue++;
      }
    }
  }

  finish(end: number, dense: Float64Array): void {
    this.closeLine(end);
    const textLen = end - 1;
    const tableDoc = this.lines >= 3 && this.tableLines * 2 >= this.lines;
    const codeDoc = this.lines >= 3 && this.codeChars * 25 >= textLen;
    const doc = tableDoc || codeDoc;
    dense[0] = Math.min(1, Math.log1p(textLen) / Math.log(65537));
    dense[1] = this.lines > 0 ? this.tableLines / this.lines : 0;
    dense[2] = textLen > 0 ? Math.min(1, (this.codeChars * 10) / textLen) : 0;
    dense[3] = this.words > 0 ? Math.min(1, (this.second * 10) / this.words) : 0;
    dense[4] = Math.min(1, this.imperatives / 3);
    dense[5] = Math.min(1, this.questions / 3);
    dense[6] = tableDoc && this.foreignLines > 0 ? 1 : 0;
    dense[7] = doc && this.proseSegments > 0 ? 1 : 0;
    dense[8] = doc && this.instructionSegments > 0 ? 1 : 0;
    dense[9] = Math.min(1, this.instructionSegments / 3);
    dense[10] = doc ? Math.min(1, this.maxSegmentWords / 24) : 0;
  }
}

/** Weights a `Featurizer` can score against: int8 bucket weights × scale, float structural weights. */
export interface LinearWeightsView {
  readonly weights: Int8Array;
  readonly scale: number;
  readonly structuralWeights: ArrayLike<number>;
  readonly bias: number;
}

/** Multiplier of the polynomial rolling hash over char codes (odd, golden-ratio bits). */
const ROLL = 0x9e3779b1 | 0;
const SALT1 = 0x1b873593;
const SALT2 = 0x27d4eb2f;
const SALT3 = 0x165667b1;
const SALT4 = 0x61c88647;
const SALT5 = 0x7feb352d;

/** ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordChar(c) ? 1 : 0;

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Multiplier that spreads a rolling hash before its top bits pick the bucket (murmur3's c1). */
const SPREAD = 0xcc9e2d51 | 0;

/**
 * Records hash `x` (already mixed) as bucket `x >>> shift` with the sign of the bit below the
 * bucket bits, unless the bucket is already present; returns the new entry count.
 */
function addHash(x: number, seen: Int32Array, touched: Uint32Array, nt: number, shift: number): number {
  const idx = x >>> shift;
  const m = seen[idx >>> 5]!;
  touched[nt] = (idx << 1) | ((x >>> (shift - 1)) & 1);
  seen[idx >>> 5] = m | (1 << (idx & 31));
  return nt + (((m >>> (idx & 31)) & 1) ^ 1);
}

/**
 * Character n-grams of lengths cMin..cMax (1 ≤ cMin ≤ cMax ≤ 5) over `buf[0..len)`. The hash of
 * the n-gram ending at i is h_n(i) = h_{n-1}(i-1)·R + c_i (polynomial), so five running values
 * give every length with one multiplication each and no look-back. 1-grams skip a–z and the
 * space (present in nearly every English text; the informative ones are scripts and symbols).
 */
function hashCharNgrams(
  buf: Uint16Array,
  len: number,
  cMin: number,
  cMax: number,
  seen: Int32Array,
  touched: Uint32Array,
  shift: number,
  cap: number,
): number {
  const u1 = cMin <= 1;
  const u2 = cMin <= 2 && cMax >= 2;
  const u3 = cMin <= 3 && cMax >= 3;
  const u4 = cMin <= 4 && cMax >= 4;
  const u5 = cMax >= 5;
  const signShift = shift - 1;
  let nt = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  let h5 = 0;
  for (let i = 0; i < len && nt < cap; i++) {
    const c = buf[i]!;
    if (cMax >= 5) h5 = (Math.imul(h4, ROLL) + c) | 0;
    if (cMax >= 4) h4 = (Math.imul(h3, ROLL) + c) | 0;
    if (cMax >= 3) h3 = (Math.imul(h2, ROLL) + c) | 0;
    h2 = (Math.imul(h1, ROLL) + c) | 0;
    h1 = c;
    if (u1 && (c > 0x7a || c < 0x61) && c !== 0x20) {
      const x = Math.imul(c ^ SALT1, SPREAD);
      const idx = x >>> shift;
      const m = seen[idx >>> 5]!;
      touched[nt] = (idx << 1) | ((x >>> signShift) & 1);
      nt += ((m >>> (idx & 31)) & 1) ^ 1;
      seen[idx >>> 5] = m | (1 << (idx & 31));
    }
    if (u2 && i >= 1) {
      const x = Math.imul(h2 ^ SALT2, SPREAD);
      const idx = x >>> shift;
      const m = seen[idx >>> 5]!;
      touched[nt] = (idx << 1) | ((x >>> signShift) & 1);
      nt += ((m >>> (idx & 31)) & 1) ^ 1;
      seen[idx >>> 5] = m | (1 << (idx & 31));
    }
    if (u3 && i >= 2) {
      const x = Math.imul(h3 ^ SALT3, SPREAD);
      const idx = x >>> shift;
      const m = seen[idx >>> 5]!;
      touched[nt] = (idx << 1) | ((x >>> signShift) & 1);
      nt += ((m >>> (idx & 31)) & 1) ^ 1;
      seen[idx >>> 5] = m | (1 << (idx & 31));
    }
    if (u4 && i >= 3) {
      const x = Math.imul(h4 ^ SALT4, SPREAD);
      const idx = x >>> shift;
      const m = seen[idx >>> 5]!;
      touched[nt] = (idx << 1) | ((x >>> signShift) & 1);
      nt += ((m >>> (idx & 31)) & 1) ^ 1;
      seen[idx >>> 5] = m | (1 << (idx & 31));
    }
    if (u5 && i >= 4) {
      const x = Math.imul(h5 ^ SALT5, SPREAD);
      const idx = x >>> shift;
      const m = seen[idx >>> 5]!;
      touched[nt] = (idx << 1) | ((x >>> signShift) & 1);
      nt += ((m >>> (idx & 31)) & 1) ^ 1;
      seen[idx >>> 5] = m | (1 << (idx & 31));
    }
  }
  return nt;
}

/**
 * Turns texts into sparse hashed feature vectors. Not re-entrant: one instance owns its scratch
 * buffers, and the returned vector is valid until the next call.
 *
 * Features are binary (present or not), signed by a hash bit and L2-normalised. Presence is
 * tracked in a bitset of 2^bits bits (32 KiB for 2^18, small enough for the L1 cache), and the
 * buckets a text touched are listed in `touched` as `bucket << 1 | signBit`, in first-seen order.
 */
export class Featurizer {
  readonly config: FeatureConfig;
  readonly dimension: number;
  private readonly shift: number;
  private readonly seen: Int32Array;
  private readonly touched: Uint32Array;
  private indices: Uint32Array | undefined;
  private values: Float32Array | undefined;
  private readonly scratch: Scratch = {
    src: new Uint16Array(1024),
    bytes: new Uint8Array(1024),
    buf: new Uint16Array(1024),
  };
  private readonly dense: Float64Array;
  private readonly stats = new StructureStats();
  /** Char n-gram entries come first in `touched`; word entries follow. */
  private nChar = 0;
  /** End of the word entries; segment entries follow up to the returned count. */
  private nWordEnd = 0;
  /** FNV-1a hashes of the words of the current text, in order. */
  private wordHashes: Int32Array = new Int32Array(1024);
  private nWords = 0;
  /** The most instruction-like segment, as a range of `wordHashes`. */
  private segBegin = 0;
  private segEnd = 0;

  constructor(config: FeatureConfig = DEFAULT_FEATURE_CONFIG) {
    validateFeatureConfig(config);
    this.config = { ...config };
    this.dimension = featureDimension(config);
    this.shift = 32 - config.bits;
    this.seen = new Int32Array((1 << config.bits) >>> 5);
    // Up to five char n-grams are added per character after the cap check: keep room for them.
    this.touched = new Uint32Array(config.maxFeatures + 8);
    this.dense = new Float64Array(config.structural ? STRUCTURAL_FEATURES.length : 0);
  }

  /** The canonical text this featuriser hashes (digits folded if configured). */
  canonical(text: string): string {
    const len = this.scan(text);
    return scratchToString(this.scratch.buf, 1, len - 1);
  }

  /**
   * Hashes the features of `text` into `touched` (deduplicated through `seen`, which is left set:
   * the caller clears it) and computes the structural features; returns the number of entries.
   * Order in `touched`: char n-grams, then word features, then segment features.
   */
  private emit(text: string): number {
    const len = this.scan(text);
    const buf = this.scratch.buf;
    const seen = this.seen;
    const touched = this.touched;
    const shift = this.shift;
    const cap = this.config.maxFeatures;
    let nt = 0;
    if (this.config.charMin > 0) {
      nt = hashCharNgrams(buf, len, this.config.charMin, this.config.charMax, seen, touched, shift, cap);
    }
    this.nChar = nt;
    const uni = this.config.wordUnigrams;
    const bi = this.config.wordBigrams;
    const nw = this.nWords;
    const wq = this.wordHashes;
    if (uni || bi) {
      // Word unigrams, and bigrams with the previous word.
      for (let k = 0; k < nw && nt < cap; k++) {
        const w = wq[k]!;
        if (uni) nt = addHash(fmix32(w ^ FAMILY_UNIGRAM), seen, touched, nt, shift);
        if (bi && k > 0) {
          nt = addHash(
            fmix32(Math.imul(wq[k - 1]! ^ FAMILY_BIGRAM, FNV_PRIME) ^ w),
            seen,
            touched,
            nt,
            shift,
          );
        }
      }
    }
    this.nWordEnd = nt;
    // The words and word pairs of the most instruction-like segment, in their own namespace.
    const begin = this.segBegin;
    const end = Math.min(this.segEnd, nw);
    for (let k = begin; k < end && nt < cap; k++) {
      const w = wq[k]!;
      nt = addHash(fmix32(w ^ FAMILY_SEGMENT), seen, touched, nt, shift);
      if (k > begin) {
        nt = addHash(fmix32(Math.imul(wq[k - 1]! ^ FAMILY_SEGMENT, FNV_PRIME) ^ w), seen, touched, nt, shift);
      }
    }
    return nt;
  }

  /**
   * One pass over the code units: canonicalises into `scratch.buf` as ` text ` (one space of
   * padding either side: NFKC and lowercase already applied by `loadCodeUnits`; format and
   * control characters dropped; whitespace runs collapsed to one space), hashes the words into
   * `wordHashes` (FNV-1a), feeds the structural statistics and picks the most instruction-like
   * segment (`segBegin..segEnd`, in words). Returns the padded length of the canonical text.
   */
  private scan(text: string): number {
    const scratch = this.scratch;
    const n = loadCodeUnits(text, scratch);
    if (scratch.buf.length < n + 2) scratch.buf = new Uint16Array(n + 2 + (n >> 1));
    const src = scratch.src;
    const buf = scratch.buf;
    const table = this.config.foldDigits ? ASCII_CANON_FOLD : ASCII_CANON;
    const structural = this.config.structural;
    const segments = structural && this.config.segmentWeight > 0;
    const st = this.stats;
    st.reset();
    let wq = this.wordHashes;
    let nw = 0;
    let wh = FNV_BASIS;
    let inWord = false;
    let segStart = 0;
    let segCue = 0;
    let bestCue = 0;
    let bestStart = 0;
    let bestEnd = 0;
    let len = 1;
    buf[0] = 0x20;
    let pendingSpace = false;
    let pendingLine = true;
    for (let i = 0; i < n; i++) {
      let c = src[i]!;
      if (c < 0x80) {
        c = table[c]!;
        if (c <= CANON_NEWLINE) {
          if (c !== CANON_DROP) {
            pendingSpace = true;
            if (c === CANON_NEWLINE) pendingLine = true;
          }
          continue;
        }
      } else if (isSpaceChar(c)) {
        pendingSpace = true;
        if (c === 0x2028 || c === 0x2029 || c === 0x85) pendingLine = true;
        continue;
      } else if (c < 0xa0 || isDroppedFormatChar(c)) continue;
      if (pendingSpace) {
        pendingSpace = false;
        if (len > 1) {
          buf[len++] = 0x20;
          if (inWord) {
            if (nw === wq.length) {
              wq = growInt32(wq);
              this.wordHashes = wq;
            }
            wq[nw++] = wh;
            if (structural) segCue += st.word(wh);
            wh = FNV_BASIS;
            inWord = false;
          }
        }
      }
      if (pendingLine) {
        pendingLine = false;
        if (structural) {
          if (segments) {
            if (nw - segStart >= 3 && segCue > bestCue) {
              bestCue = segCue;
              bestStart = segStart;
              bestEnd = nw;
            }
            segStart = nw;
            segCue = 0;
          }
          st.newLine(len, c);
        }
      }
      buf[len++] = c;
      if (c < 0x80 ? ASCII_WORD[c] === 1 : isWordChar(c)) {
        wh = Math.imul(wh ^ c, FNV_PRIME);
        inWord = true;
        continue;
      }
      if (inWord) {
        // Apostrophes join words ("you're" hashes as "youre").
        if (c === 0x27 || c === 0x2019) continue;
        if (nw === wq.length) {
          wq = growInt32(wq);
          this.wordHashes = wq;
        }
        wq[nw++] = wh;
        if (structural) segCue += st.word(wh);
        wh = FNV_BASIS;
        inWord = false;
      }
      if (!structural) continue;
      st.punct(len - 1, c);
      if (segments && (c === 0x7c || isSentenceEnd(c))) {
        if (c === 0x3f || c === 0xff1f) segCue++;
        if (nw - segStart >= 3 && segCue > bestCue) {
          bestCue = segCue;
          bestStart = segStart;
          bestEnd = nw;
        }
        segStart = nw;
        segCue = 0;
      }
    }
    buf[len++] = 0x20;
    if (inWord) {
      if (nw === wq.length) {
        wq = growInt32(wq);
        this.wordHashes = wq;
      }
      wq[nw++] = wh;
      if (structural) segCue += st.word(wh);
    }
    if (segments && nw - segStart >= 3 && segCue > bestCue) {
      bestStart = segStart;
      bestEnd = nw;
    }
    this.nWords = nw;
    this.segBegin = bestStart;
    this.segEnd = bestEnd;
    if (structural) st.finish(len - 1, this.dense);
    return len;
  }

  /** Featurises `text`. Never throws for a string input; deterministic. */
  featurize(text: string): SparseFeatures {
    const nt = this.emit(text);
    if (this.indices === undefined || this.values === undefined) {
      this.indices = new Uint32Array(this.config.maxFeatures + 8);
      this.values = new Float32Array(this.config.maxFeatures + 8);
    }
    const indices = this.indices;
    const values = this.values;
    const touched = this.touched;
    const seen = this.seen;
    const nChar = this.nChar;
    const nWordEnd = this.nWordEnd;
    const ww = this.config.wordWeight;
    const docSumsq = nChar + (nWordEnd - nChar) * ww * ww;
    const inv = docSumsq > 0 ? 1 / Math.sqrt(docSumsq) : 0;
    const segInv = nt > nWordEnd ? this.config.segmentWeight / Math.sqrt(nt - nWordEnd) : 0;
    for (let k = 0; k < nt; k++) {
      const e = touched[k]!;
      const idx = e >>> 1;
      seen[idx >>> 5] = 0;
      const v = k < nChar ? inv : k < nWordEnd ? inv * ww : segInv;
      indices[k] = idx;
      values[k] = (e & 1) === 0 ? v : -v;
    }
    return { indices, values, nnz: nt, dense: this.dense };
  }

  /** The linear margin `bias + w·x` of `text`, without materialising the feature vector. */
  margin(text: string, model: LinearWeightsView): number {
    const nt = this.emit(text);
    const touched = this.touched;
    const seen = this.seen;
    const w = model.weights;
    const nChar = this.nChar;
    const nWordEnd = this.nWordEnd;
    let dotChar = 0;
    for (let k = 0; k < nChar; k++) {
      const e = touched[k]!;
      const idx = e >>> 1;
      seen[idx >>> 5] = 0;
      const sgn = e & 1;
      dotChar += (w[idx]! ^ -sgn) + sgn;
    }
    let dotWord = 0;
    for (let k = nChar; k < nWordEnd; k++) {
      const e = touched[k]!;
      const idx = e >>> 1;
      seen[idx >>> 5] = 0;
      const sgn = e & 1;
      dotWord += (w[idx]! ^ -sgn) + sgn;
    }
    let dotSeg = 0;
    for (let k = nWordEnd; k < nt; k++) {
      const e = touched[k]!;
      const idx = e >>> 1;
      seen[idx >>> 5] = 0;
      const sgn = e & 1;
      dotSeg += (w[idx]! ^ -sgn) + sgn;
    }
    const ww = this.config.wordWeight;
    const docSumsq = nChar + (nWordEnd - nChar) * ww * ww;
    let dot = 0;
    if (docSumsq > 0) dot += (dotChar + dotWord * ww) / Math.sqrt(docSumsq);
    if (nt > nWordEnd) dot += (dotSeg * this.config.segmentWeight) / Math.sqrt(nt - nWordEnd);
    let z = model.bias + dot * model.scale;
    const sw = model.structuralWeights;
    const dense = this.dense;
    for (let k = 0; k < dense.length; k++) z += sw[k]! * dense[k]!;
    return z;
  }
}
