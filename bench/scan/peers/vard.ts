import vard from '@andersmyrmel/vard';
import type { Peer } from './types.js';

/** @andersmyrmel/vard, moderate preset; its 10,000-character default limit raised to fit 64 KiB. */
export function createVardPeer(): Peer {
  const guard = vard.moderate().maxLength(1 << 20);
  return {
    name: '@andersmyrmel/vard',
    config: 'vard.moderate().maxLength(2^20).safeParse',
    slow: false,
    check: (text) => !guard.safeParse(text).safe,
  };
}
