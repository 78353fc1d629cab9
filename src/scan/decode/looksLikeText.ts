const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decoded bytes are worth scanning again only if they are text: valid UTF-8, mostly printable,
 * with at least one letter. Hashes, keys and images decode to noise and are dropped here.
 */
export function bytesToText(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  let printable = 0;
  let letters = 0;
  let total = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    total++;
    if (
      cp === 0x09 ||
      cp === 0x0a ||
      cp === 0x0d ||
      (cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f) && cp !== 0xfffd)
    ) {
      printable++;
    }
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp > 0xbf) letters++;
  }
  if (total === 0 || printable / total < 0.9 || letters / total < 0.4) return undefined;
  return text;
}
