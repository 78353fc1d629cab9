import { bytesToText } from './looksLikeText.js';

/** Shortest run worth decoding: 20 base64 characters carry 15 bytes, about two words. */
export const MIN_BASE64_RUN = 20;

function isBase64Unit(cu: number): boolean {
  return (
    (cu >= 0x41 && cu <= 0x5a) ||
    (cu >= 0x61 && cu <= 0x7a) ||
    (cu >= 0x30 && cu <= 0x39) ||
    cu === 0x2b ||
    cu === 0x2f ||
    cu === 0x2d ||
    cu === 0x5f
  );
}

/** Maximal runs of the base64 (or base64url) alphabet, with trailing `=` padding, in one pass. */
export function findBase64Runs(text: string): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  let i = 0;
  while (i < text.length) {
    if (!isBase64Unit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64Unit(text.charCodeAt(i))) i++;
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 0x3d) end++;
    if (end - start >= MIN_BASE64_RUN) runs.push({ start, end });
    i = end;
  }
  return runs;
}

/** The text a base64 run encodes, or undefined when it is not text. */
export function decodeBase64Text(run: string): string | undefined {
  const bytes = Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64');
  return bytesToText(bytes);
}
