import type { Sink } from '../../src/output/index.js';
import { fillToBytes } from '../lib/bytes.js';
import { BENIGN_SEGMENTS } from '../scan/corpus.js';
import { benignText, type SizeClass } from '../scan/inputs.js';
import { HTML_SEGMENTS, leakSentences, MARKDOWN_SEGMENTS } from './corpus.js';

/** Output sizes. Outputs may be up to 1 MiB by default, so "64 KiB" is exactly 65,536 bytes. */
export const KIB_64 = 65_536;

export const OUTPUT_SIZES: readonly SizeClass[] = [
  { label: '1 KiB', bytes: 1_024 },
  { label: '10 KiB', bytes: 10_240 },
  { label: '64 KiB', bytes: KIB_64 },
];

export type OutputKind = 'clean' | 'leaky' | 'markdown' | 'html';

/** What each kind of output is, and the sink it is scanned for. */
export const KINDS: Readonly<Record<OutputKind, { readonly sink: Sink; readonly what: string }>> = {
  clean: { sink: 'text', what: 'clean prose, docs and code' },
  leaky: { sink: 'text', what: 'prose with secrets (AWS, GitHub, DB URL, JWT) and PII (email, phone, card)' },
  markdown: { sink: 'markdown', what: 'markdown with links, images, a reference definition and one beacon' },
  html: { sink: 'html', what: 'HTML with links, images, a table and one onerror handler' },
};

export interface OutputInput {
  readonly name: string;
  readonly kind: OutputKind;
  readonly sink: Sink;
  readonly size: SizeClass;
  readonly text: string;
}

/** Alternates `special` units with `every` benign segments, starting with a special one. */
function interleave(special: readonly string[], every: number): string[] {
  const units: string[] = [];
  const rounds = Math.max(special.length, Math.ceil(BENIGN_SEGMENTS.length / every));
  for (let i = 0; i < rounds; i++) {
    units.push(special[i % special.length] ?? '');
    for (let k = 0; k < every; k++)
      units.push(BENIGN_SEGMENTS[(every * i + k) % BENIGN_SEGMENTS.length] ?? '');
  }
  return units;
}

export function outputText(kind: OutputKind, bytes: number): string {
  switch (kind) {
    case 'clean':
      return benignText(bytes);
    case 'leaky':
      return fillToBytes(interleave(leakSentences(), 4), bytes);
    case 'markdown':
      return fillToBytes(interleave(MARKDOWN_SEGMENTS, 1), bytes);
    case 'html':
      return fillToBytes(HTML_SEGMENTS, bytes);
  }
}

export function buildOutputInput(kind: OutputKind, size: SizeClass): OutputInput {
  return {
    name: `${kind} ${size.label}`,
    kind,
    sink: KINDS[kind].sink,
    size,
    text: outputText(kind, size.bytes),
  };
}

/** Every kind at every size, kind by kind. */
export function standardOutputInputs(): OutputInput[] {
  return (Object.keys(KINDS) as OutputKind[]).flatMap((kind) =>
    OUTPUT_SIZES.map((size) => buildOutputInput(kind, size)),
  );
}
