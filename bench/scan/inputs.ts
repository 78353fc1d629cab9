import { fillToBytes } from '../lib/bytes.js';
import { formatBytes } from '../lib/format.js';
import { ATTACK_SENTENCES, BENIGN_SEGMENTS } from './corpus.js';

/** The default input ceiling of `securityScan` (UTF-8 bytes). */
export const CEILING_BYTES = 65_536;

/** "64 KiB" inputs stay just under the ceiling so that they are scanned, not rejected. */
export const NEAR_CEILING_BYTES = CEILING_BYTES - 16;

export interface SizeClass {
  readonly label: string;
  readonly bytes: number;
}

export const SIZES: readonly SizeClass[] = [
  { label: '100 B', bytes: 100 },
  { label: '1 KiB', bytes: 1_024 },
  { label: '10 KiB', bytes: 10_240 },
  { label: '64 KiB', bytes: NEAR_CEILING_BYTES },
];

export type Kind = 'benign' | 'malicious';

export interface BenchInput {
  readonly name: string;
  readonly kind: Kind;
  readonly size: SizeClass;
  readonly text: string;
}

export function sizeLabel(size: SizeClass): string {
  return size.bytes === NEAR_CEILING_BYTES ? `${size.label} (${formatBytes(size.bytes)})` : size.label;
}

/** Benign prose, docs and code in a fixed order. */
export function benignText(bytes: number): string {
  return fillToBytes(BENIGN_SEGMENTS, bytes);
}

/**
 * A document with injections woven in: an attack sentence, then two benign segments, repeated.
 * It opens with an attack so that even the 100-byte input holds a complete one.
 */
export function maliciousText(bytes: number): string {
  const units: string[] = [];
  const rounds = Math.max(ATTACK_SENTENCES.length, BENIGN_SEGMENTS.length);
  for (let i = 0; i < rounds; i++) {
    units.push(ATTACK_SENTENCES[i % ATTACK_SENTENCES.length] ?? '');
    units.push(BENIGN_SEGMENTS[(2 * i) % BENIGN_SEGMENTS.length] ?? '');
    units.push(BENIGN_SEGMENTS[(2 * i + 1) % BENIGN_SEGMENTS.length] ?? '');
  }
  return fillToBytes(units, bytes);
}

export function buildInput(kind: Kind, size: SizeClass): BenchInput {
  const text = kind === 'benign' ? benignText(size.bytes) : maliciousText(size.bytes);
  return { name: `${kind} ${size.label}`, kind, size, text };
}

/** Every size, benign then malicious. */
export function standardInputs(): BenchInput[] {
  return SIZES.flatMap((size) => [buildInput('benign', size), buildInput('malicious', size)]);
}
