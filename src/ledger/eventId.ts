import { getRandomValues } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { InvalidRiskEventError } from './ledgerErrors.js';

/** A ULID: 48-bit millisecond time then 80 random bits, Crockford base32, sortable as text. */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

const RANDOM_BATCH = 1024;

/**
 * ulid's default PRNG asks the OS for one byte per character (16 calls per id); this one draws
 * bytes from the CSPRNG in batches. A byte / 256 picks one of 32 characters without bias.
 */
function batchedRandom(): () => number {
  const bytes = new Uint8Array(RANDOM_BATCH);
  let next = RANDOM_BATCH;
  return () => {
    if (next === RANDOM_BATCH) {
      getRandomValues(bytes);
      next = 0;
    }
    return bytes[next++]! / 256;
  };
}

/**
 * A generator of event ids that sort in creation order: within one millisecond, or when the clock
 * steps back, the random part is incremented instead of drawn anew. One factory per writer.
 */
export function createEventIdFactory(): (time: Date) => string {
  const next = monotonicFactory(batchedRandom());
  return (time) => {
    const ms = time.getTime();
    if (!Number.isFinite(ms) || ms < 0) throw new InvalidRiskEventError('not a valid time', ['time']);
    return next(ms);
  };
}
