import { createPgliteTestDatabase } from './pgliteTestDatabase.js';
import { createPostgresTestDatabase } from './postgresTestDatabase.js';
import type { TestDatabase } from './testDatabase.js';

/** Both engines, for `describe.each`: the same contract must hold on each. */
export const TEST_ENGINES: ReadonlyArray<{
  engine: 'pglite' | 'postgres';
  create: () => Promise<TestDatabase>;
}> = [
  { engine: 'pglite', create: createPgliteTestDatabase },
  { engine: 'postgres', create: createPostgresTestDatabase },
];
