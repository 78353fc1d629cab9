import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.MAESTRO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of this test run's own, so runs never see each other's counters. */
export function testRedisPrefix(): string {
  return `maestro-test:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Removes every key a test run wrote under its prefix. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
