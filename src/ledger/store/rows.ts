// Drivers differ in what they return: pg gives int8 as a string and bytea as a Buffer, PGlite
// gives int8 as a number or bigint and bytea as a Uint8Array. These readers accept all of them.

export function rowNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value as string | bigint);
  if (!Number.isSafeInteger(n)) throw new TypeError('expected a safe integer from the database');
  return n;
}

export function rowBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('expected bytea from the database');
}

/** A bytea column selected as `encode(column, 'hex')`: PGlite parses raw bytea one byte at a time. */
export function rowHexBuffer(value: unknown): Buffer {
  const hex = rowString(value);
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) throw new TypeError('expected hex from the database');
  return Buffer.from(hex, 'hex');
}

export function rowString(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError('expected text from the database');
  return value;
}

export function rowDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(rowString(value));
  if (Number.isNaN(date.getTime())) throw new TypeError('expected a timestamp from the database');
  return date;
}
