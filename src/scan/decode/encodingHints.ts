const BASE64 = 1;
const HEX = 2;
/** ASCII classes: base64/base64url alphabet, hex digit. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/_-]/.test(ch)) CLASS[c]! |= BASE64;
  if (/[0-9A-Fa-f]/.test(ch)) CLASS[c]! |= HEX;
}

/** Which decoders could find anything in a text, from one cheap pass. */
export interface EncodingHints {
  readonly base64: boolean;
  readonly hex: boolean;
  readonly escapes: boolean;
}

/**
 * One pass over the text that rules decoders in or out: a base64 run needs `minBase64`
 * alphabet characters in a row, hex needs `minHex` hex digits in a row or an `\x`/`0x` escape,
 * escapes need two `%`, `&` or `\u` introducers. Ordinary prose rules all three out.
 */
export function encodingHints(text: string, minBase64: number, minHex: number): EncodingHints {
  let base64 = false;
  let hex = false;
  let escapes = 0;
  let b64Run = 0;
  let hexRun = 0;
  // "69 67 6e …": byte pairs separated by one space or comma.
  let pairs = 0;
  // n byte pairs have n − 1 separators between them.
  const minPairs = minHex / 2 - 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? CLASS[c]! : 0;
    if (!(cls & HEX)) {
      pairs = hexRun === 2 && (c === 0x20 || c === 0x2c) ? pairs + 1 : 0;
      if (pairs >= minPairs) hex = true;
    }
    b64Run = cls & BASE64 ? b64Run + 1 : 0;
    hexRun = cls & HEX ? hexRun + 1 : 0;
    if (b64Run >= minBase64) base64 = true;
    if (hexRun >= minHex) hex = true;
    if (c === 0x25 || c === 0x26) escapes++;
    else if (c === 0x5c) {
      const next = text.charCodeAt(i + 1) | 0x20;
      if (next === 0x75) escapes++;
      else if (next === 0x78) hex = true;
    } else if (c === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78) hex = true;
  }
  return { base64, hex, escapes: escapes >= 2 };
}
