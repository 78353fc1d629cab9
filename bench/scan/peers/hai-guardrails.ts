import { type Guard, injectionGuard, type LLMMessage } from '@presidio-dev/hai-guardrails';
import type { Peer } from './types.js';

type InjectionMode = 'pattern' | 'heuristic';

async function runGuard(guard: Guard, text: string): Promise<boolean> {
  const messages: LLMMessage[] = [{ role: 'user', content: text }];
  const results = await guard(messages);
  return results.some((result) => !result.passed);
}

/** @presidio-dev/hai-guardrails injection guard in `pattern` (regex) or `heuristic` (fuzzy) mode. */
export function createHaiPeer(mode: InjectionMode): Peer {
  const guard = injectionGuard({ roles: ['user'] }, { mode, threshold: 0.7 });
  return {
    name: `@presidio-dev/hai-guardrails ${mode}`,
    config: `injectionGuard({ roles: ['user'] }, { mode: '${mode}', threshold: 0.7 })`,
    slow: mode === 'heuristic',
    check: (text) => runGuard(guard, text),
  };
}
