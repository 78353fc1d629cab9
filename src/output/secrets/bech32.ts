/**
 * Bech32 checksum verification (BIP-173), used by age identities (`AGE-SECRET-KEY-1…`). Case
 * is ignored as the encoding allows one case per string.
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

/** True when `text` (human-readable part, `1`, data with its 6-character checksum) is valid bech32. */
export function isValidBech32(text: string): boolean {
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || lower.length - separator < 7 || lower.length > 200) return false;
  const values: number[] = [];
  for (let i = 0; i < separator; i++) values.push(lower.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < separator; i++) values.push(lower.charCodeAt(i) & 31);
  for (let i = separator + 1; i < lower.length; i++) {
    const v = CHARSET.indexOf(lower[i]!);
    if (v < 0) return false;
    values.push(v);
  }
  return polymod(values) === 1;
}
