/** Building strings of an exact UTF-8 byte length, deterministically. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Concatenates `units` (cycling) until `bytes` UTF-8 bytes are reached. The last unit is cut at a
 * code-point boundary and the remainder filled with `filler` (one ASCII character), so the result
 * is exactly `bytes` long.
 */
export function fillToBytes(units: readonly string[], bytes: number, filler = ' '): string {
  if (units.length === 0) throw new Error('fillToBytes needs at least one unit');
  const parts: string[] = [];
  let used = 0;
  for (let i = 0; ; i++) {
    const unit = units[i % units.length] ?? '';
    const size = utf8Length(unit);
    if (size === 0) throw new Error('fillToBytes units must not be empty');
    if (used + size > bytes) {
      for (const char of unit) {
        const charSize = utf8Length(char);
        if (used + charSize > bytes) break;
        parts.push(char);
        used += charSize;
      }
      break;
    }
    parts.push(unit);
    used += size;
  }
  return parts.join('') + filler.repeat(bytes - used);
}
