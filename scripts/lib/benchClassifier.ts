/**
 * Quick timing of the shipped classifier: featurise + score per text size.
 * Run: `npx tsx scripts/lib/benchClassifier.ts` (after `npm run train`).
 *
 * Texts are slices of the training split (ASCII-only and non-ASCII rows kept apart), so the
 * numbers reflect real n-gram diversity; without the datasets it falls back to synthetic text.
 * Times are process CPU time (robust to other load on the machine), best of several rounds.
 */
import { defaultClassifier } from '../../src/scan/model/index.js';
import { readInjectionSplit } from './datasets.js';

const SIZES = [100, 1024, 10 * 1024, 64 * 1024] as const;

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function corpus(): { ascii: string; other: string } {
  try {
    const rows = readInjectionSplit('train');
    return {
      ascii: rows
        .filter((r) => isAscii(r.text))
        .map((r) => r.text)
        .join('\n'),
      other: rows
        .filter((r) => !isAscii(r.text))
        .map((r) => r.text)
        .join('\n'),
    };
  } catch {
    const words = [
      'ignore',
      'the',
      'previous',
      'table',
      'reply',
      'in',
      'French',
      'data',
      'Year',
      '|',
      '2024',
    ];
    let ascii = '';
    for (let i = 0; ascii.length < 200_000; i++) ascii += `${words[(i * 7) % words.length]} `;
    return { ascii, other: ascii.replaceAll('e', 'é') };
  }
}

function samples(all: string, size: number, count: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const start = (k * 7919) % Math.max(1, all.length - size);
    // Re-join so that each sample is a flat string, as texts from JSON or HTTP are.
    out.push(
      all
        .slice(start, start + size)
        .split('')
        .join(''),
    );
  }
  return out;
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function time(texts: readonly string[], iterations: number): number {
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let round = 0; round < 7; round++) {
    const t0 = cpuMicros();
    for (let i = 0; i < iterations; i++) sink += defaultClassifier.score(texts[i % texts.length]!);
    const dt = (cpuMicros() - t0) / iterations;
    if (round > 0) best = Math.min(best, dt);
  }
  if (sink < 0) console.log(sink);
  return best;
}

function main(): void {
  const { ascii, other } = corpus();
  // Warm up the JIT on mixed sizes.
  for (const t of samples(ascii, 2048, 50)) defaultClassifier.score(t);
  console.log('featurise + score, CPU time per call (best of 6 rounds)');
  console.log(
    `${'size'.padStart(8)} ${'ASCII µs'.padStart(10)} ${'µs/KiB'.padStart(8)} ${'non-ASCII µs'.padStart(13)} ${'µs/KiB'.padStart(8)}`,
  );
  for (const size of SIZES) {
    const iterations = Math.max(40, Math.floor(3_000_000 / size));
    const a = time(samples(ascii, size, 64), iterations);
    const b = other.length > size ? time(samples(other, size, 64), iterations) : Number.NaN;
    console.log(
      `${String(size).padStart(8)} ${a.toFixed(2).padStart(10)} ${((a / size) * 1024).toFixed(2).padStart(8)} ${b.toFixed(2).padStart(13)} ${((b / size) * 1024).toFixed(2).padStart(8)}`,
    );
  }
}

main();
