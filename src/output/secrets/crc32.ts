/**
 * CRC-32 (IEEE 802.3, the zlib polynomial) and the base62 encoding GitHub and npm use for the
 * 6-character checksum at the end of their tokens.
 */
const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

/** CRC-32 of the code units `text[start, end)`, which callers have checked are ASCII. */
export function crc32(text: string, start = 0, end = text.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base62 (digits, upper, lower), left-padded with `0` to `width` characters. */
export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * True when the last 6 characters of `text[start, end)` are the base62 CRC-32 of the characters
 * before them: the check GitHub (2021 token format) and npm (granular tokens) publish.
 */
export function hasBase62Crc(text: string, start: number, end: number): boolean {
  if (end - start < 7) return false;
  const expected = base62(crc32(text, start, end - 6), 6);
  for (let k = 0; k < 6; k++) if (text.charCodeAt(end - 6 + k) !== expected.charCodeAt(k)) return false;
  return true;
}
