const BASE64 = 1;
const HEX = 2;
/** ASCII classes: base64/base64url alphabet, hex digit. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  // '=' counts too: the run finder includes trailing padding in a run's length.
  if (/[A-Za-z0-9+/_=-]/.test(ch)) CLASS[c]! |= BASE64;
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
  // Hex digits in a row, where one space or comma between digits does not break the row
  // ("69 67 6e …", "6769 6e6f …"): an over-count is safe, an under-count would skip the decoder.
  let hexRun = 0;
  let afterSeparator = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? CLASS[c]! : 0;
    b64Run = cls & BASE64 ? b64Run + 1 : 0;
    if (b64Run >= minBase64) base64 = true;
    if (cls & HEX) {
      hexRun++;
      afterSeparator = false;
      if (hexRun >= minHex) hex = true;
    } else if ((c === 0x20 || c === 0x2c) && !afterSeparator && hexRun > 0) {
      afterSeparator = true;
    } else {
      hexRun = 0;
      afterSeparator = false;
    }
    if (c === 0x25 || c === 0x26) escapes++;
    else if (c === 0x5c) {
      const next = text.charCodeAt(i + 1) | 0x20;
      if (next === 0x75) escapes++;
      else if (next === 0x78) hex = true;
    } else if (c === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78) hex = true;
  }
  return { base64, hex, escapes: escapes >= 2 };
}
