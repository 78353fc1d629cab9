import { scanTo, skipTrivia } from './cedarLexer.js';
import type { PolicyProblem } from './problems.js';
import { charIndexOfByte, positionAt } from './sourceLocation.js';
import type { SourceFile } from './sources.js';

/** A top-level item of a Cedar schema file: a namespace block or a declaration outside any namespace. */
type SchemaItem =
  | {
      readonly kind: 'namespace';
      readonly name: string;
      /** From the first annotation (or `namespace`) to just before the closing `}`. */
      readonly start: number;
      readonly annotated: boolean;
      readonly bodyStart: number;
      readonly bodyEnd: number;
    }
  | { readonly kind: 'declaration'; readonly start: number; readonly end: number };

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

function isKeywordAt(text: string, index: number, word: string): boolean {
  return text.startsWith(word, index) && !IDENTIFIER_CHAR.test(text[index + word.length] ?? '');
}

/** Skips `@name` or `@name("value")`; returns the index after it, or -1. */
function skipAnnotation(text: string, index: number): number {
  let i = index + 1;
  while (i < text.length && IDENTIFIER_CHAR.test(text[i] ?? '')) i++;
  const next = skipTrivia(text, i);
  if (text[next] !== '(') return i;
  return scanTo(text, next + 1, ')');
}

/** The top-level items of a schema file, or `undefined` when it does not cut cleanly (Cedar will say why). */
function schemaItems(text: string): SchemaItem[] | undefined {
  const items: SchemaItem[] = [];
  let i = skipTrivia(text, 0);
  while (i < text.length) {
    const start = i;
    let annotated = false;
    while (text[i] === '@') {
      annotated = true;
      i = skipAnnotation(text, i);
      if (i < 0) return undefined;
      i = skipTrivia(text, i);
    }
    if (isKeywordAt(text, i, 'namespace')) {
      const open = scanTo(text, i + 'namespace'.length, '{');
      if (open < 0) return undefined;
      const close = scanTo(text, open, '}');
      if (close < 0) return undefined;
      const name = text
        .slice(i + 'namespace'.length, open - 1)
        .replace(/\/\/[^\n]*/g, '')
        .replace(/\s+/g, '');
      items.push({ kind: 'namespace', name, start, annotated, bodyStart: open, bodyEnd: close - 1 });
      i = skipTrivia(text, close);
    } else {
      const end = scanTo(text, i, ';');
      if (end < 0) return undefined;
      items.push({ kind: 'declaration', start, end });
      i = skipTrivia(text, end);
    }
  }
  return items;
}

/** A piece of the merged text: copied from a file (with its place there) or added by the merge. */
interface Piece {
  readonly text: string;
  readonly file?: SourceFile;
  readonly fileStart: number;
}

/** Where a byte offset of the merged text came from. */
export interface SchemaLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface MergedSchemaText {
  readonly text: string;
  /** The file, line and column a Cedar byte offset into `text` points at. */
  locate(byteOffset: number | undefined): SchemaLocation | undefined;
  readonly problems: readonly PolicyProblem[];
}

function pieceOf(file: SourceFile, start: number, end: number): Piece {
  return { text: file.text.slice(start, end), file, fileStart: start };
}

/**
 * Merges Cedar schema files so that several files may each contribute to one namespace (Cedar
 * rejects a namespace declared twice): the bodies of all `namespace X { … }` blocks become one
 * block, declarations outside namespaces are kept as they are. Only text is moved; Cedar parses
 * the result, and its error offsets map back to file:line through `locate`.
 */
export function mergeSchemaText(files: readonly SourceFile[]): MergedSchemaText {
  const problems: PolicyProblem[] = [];
  const pieces: Piece[] = [];
  const blocks = new Map<
    string,
    Array<{ file: SourceFile; item: Extract<SchemaItem, { kind: 'namespace' }> }>
  >();
  const declarations: Piece[] = [];
  for (const file of files) {
    const items = schemaItems(file.text);
    if (items === undefined) {
      // Cedar's parser reports what is wrong with this file; keep it whole so its offsets stay true.
      declarations.push(pieceOf(file, 0, file.text.length));
      continue;
    }
    for (const item of items) {
      if (item.kind === 'declaration') {
        declarations.push(pieceOf(file, item.start, item.end));
        continue;
      }
      const list = blocks.get(item.name) ?? [];
      list.push({ file, item });
      blocks.set(item.name, list);
    }
  }
  for (const [name, list] of blocks) {
    const annotated = list.filter((block) => block.item.annotated);
    for (const extra of annotated.slice(1)) {
      const { line, column } = positionAt(extra.file.text, extra.item.start);
      problems.push({
        severity: 'error',
        message: `namespace ${name || '(empty)'} is annotated in more than one place; annotate one of its blocks only`,
        file: extra.file.name,
        line,
        column,
      });
    }
    const head = annotated[0] ?? list[0];
    if (head === undefined) continue;
    pieces.push(pieceOf(head.file, head.item.start, head.item.bodyEnd));
    for (const block of list) {
      if (block === head) continue;
      pieces.push({ text: '\n', fileStart: 0 });
      pieces.push(pieceOf(block.file, block.item.bodyStart, block.item.bodyEnd));
    }
    pieces.push({ text: '\n}\n', fileStart: 0 });
  }
  for (const piece of declarations) pieces.push(piece, { text: '\n', fileStart: 0 });

  const text = pieces.map((piece) => piece.text).join('');
  const starts: number[] = [];
  let offset = 0;
  for (const piece of pieces) {
    starts.push(offset);
    offset += piece.text.length;
  }
  const locate = (byteOffset: number | undefined): SchemaLocation | undefined => {
    if (byteOffset === undefined) return undefined;
    const index = charIndexOfByte(text, byteOffset);
    for (let p = pieces.length - 1; p >= 0; p--) {
      const piece = pieces[p];
      const start = starts[p] ?? 0;
      if (piece === undefined || index < start) continue;
      if (piece.file === undefined) return undefined;
      const { line, column } = positionAt(piece.file.text, piece.fileStart + (index - start));
      return { file: piece.file.name, line, column };
    }
    return undefined;
  };
  return { text, locate, problems };
}
