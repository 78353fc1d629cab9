import type { Suite } from './lib/report.js';

/** Suites by id, in the order `npm run bench` runs them. Loaded lazily so one suite's imports stay its own. */
export const SUITES: Readonly<Record<string, () => Promise<Suite>>> = {
  scan: async () => (await import('./scan/suite.js')).scanSuite,
  output: async () => (await import('./output/suite.js')).outputSuite,
  ledger: async () => (await import('./ledger/suite.js')).ledgerSuite,
  policy: async () => (await import('./policy/suite.js')).policySuite,
  exec: async () => (await import('./exec/suite.js')).execSuite,
  gateway: async () => (await import('./gateway/suite.js')).gatewaySuite,
  review: async () => (await import('./review/suite.js')).reviewSuite,
};
