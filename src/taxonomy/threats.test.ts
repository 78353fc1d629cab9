import { describe, expect, it } from 'vitest';
import { CONTROLS } from './controls.js';
import { THREAT_IDS } from './ids.js';
import { THREATS } from './threats.js';

describe('THREATS', () => {
  it('has exactly T1–T7, each keyed by its own id', () => {
    expect(Object.keys(THREATS)).toEqual([...THREAT_IDS]);
    for (const id of THREAT_IDS) expect(THREATS[id].id).toBe(id);
  });

  it('cites exactly the controls the reference threat model lists', () => {
    const expected = {
      T1: ['C1', 'C2', 'C3'],
      T2: ['C4', 'C5'],
      T3: ['C6', 'C7'],
      T4: ['C19', 'C23'],
      T5: ['C8', 'C9', 'C10'],
      T6: ['C11', 'C12'],
      T7: ['C5', 'C13'],
    };
    for (const id of THREAT_IDS) expect(THREATS[id].controls, id).toEqual(expected[id]);
  });

  it('cites only controls that exist', () => {
    for (const id of THREAT_IDS) {
      for (const control of THREATS[id].controls)
        expect(CONTROLS, `${id} → ${control}`).toHaveProperty(control);
    }
  });

  it('puts T1–T4 at user interaction and T5–T7 at the agent gateway', () => {
    expect(THREAT_IDS.map((id) => THREATS[id].architectureLayer)).toEqual([
      'user-interaction',
      'user-interaction',
      'user-interaction',
      'user-interaction',
      'agent-gateway',
      'agent-gateway',
      'agent-gateway',
    ]);
  });
});
