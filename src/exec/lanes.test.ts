import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANES, type Lane } from '../core/index.js';
import { TOOL_EFFECTS } from '../policy/index.js';
import { killSwitchLane, laneOf } from './lanes.js';

const lane = fc.constantFrom<Lane>(...LANES);
const rank = (l: Lane) => LANES.indexOf(l);

describe('laneOf', () => {
  it('is the strictest of its inputs and names every input that set it', () => {
    fc.assert(
      fc.property(
        lane,
        fc.option(lane, { nil: undefined }),
        lane,
        lane,
        lane,
        (effect, tool, policy, scan, killSwitch) => {
          const { lane: result, reasons } = laneOf({ effect, tool, policy, scan, killSwitch });
          const inputs = [effect, tool ?? 'auto', policy, scan, killSwitch];
          expect(rank(result)).toBe(Math.max(...inputs.map(rank)));
          if (result === 'auto') expect(reasons).toEqual([]);
          else expect(reasons.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('sends everything with a side effect to a person when the kill switch is engaged, never to "no checks"', () => {
    for (const effect of TOOL_EFFECTS) {
      expect(killSwitchLane(true, effect)).toBe(effect === 'read' ? 'auto' : 'confirm');
      expect(killSwitchLane(false, effect)).toBe('auto');
    }
  });
});
