import { createHaiPeer } from './hai-guardrails.js';
import { createLlmGuardPeer } from './llm-guard.js';
import type { Peer } from './types.js';
import { createVardPeer } from './vard.js';

export type { Peer } from './types.js';

/** The peers compared with maestro, fast ones first. */
export function createPeers(): Peer[] {
  return [createVardPeer(), createHaiPeer('pattern'), createLlmGuardPeer(), createHaiPeer('heuristic')];
}
