/**
 * Bounded base64 / base64url decoding to a Latin-1 string (one char per byte), written as a loop
 * so callers can decode a slice of the scanned text without copying it first. Returns undefined for
 * a character outside the alphabet or an impossible length.
 */
const VALUES = new Int8Array(128).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
VALUES[43] = 62; // +
VALUES[45] = 62; // -
VALUES[47] = 63; // /
VALUES[95] = 63; // _

export function decodeBase64(text: string, start: number, end: number): string | undefined {
  let stop = end;
  while (stop > start && text.charCodeAt(stop - 1) === 61) stop--; // padding
  if ((stop - start) % 4 === 1) return undefined;
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = start; i < stop; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

/** Latin-1 bytes (as produced by `decodeBase64`) read as UTF-8; undefined when not valid UTF-8. */
export function utf8FromBytes(bytes: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
