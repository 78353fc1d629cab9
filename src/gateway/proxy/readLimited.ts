import { MaestroError } from '../../errors/index.js';

/** Reads a body up to `limit` bytes; a larger one is abandoned with ERR_UPSTREAM_INVALID. */
export async function readLimited(
  body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => unknown },
  limit: number,
): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of body) {
    size += part.byteLength;
    if (size > limit) {
      body.destroy?.();
      throw new MaestroError('ERR_UPSTREAM_INVALID', {
        message: `The upstream response is larger than ${limit} bytes; it was withheld.`,
      });
    }
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}
