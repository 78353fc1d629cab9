import { type Lane, strictestLane } from '../core/index.js';
import type { ToolEffect } from '../policy/index.js';

/** The lane each effect starts in before policy, scan and kill switch are applied. */
export type EffectLanes = Readonly<Record<ToolEffect, Lane>>;

/** Reads and ordinary writes run; what cannot be undone, or moves money, waits for a person. */
export const DEFAULT_EFFECT_LANES: EffectLanes = Object.freeze({
  read: 'auto',
  write: 'auto',
  external: 'auto',
  destructive: 'confirm',
  financial: 'confirm',
});

/** Why an intent ended in its lane: every input that raised it, for receipts and approvers. */
export interface LaneInputs {
  readonly effect: Lane;
  readonly tool: Lane | undefined;
  readonly policy: Lane;
  readonly scan: Lane;
  /** The tenant's kill switch: everything with a side effect goes to a person, reads still run. */
  readonly killSwitch: Lane;
}

export function laneOf(inputs: LaneInputs): { lane: Lane; reasons: string[] } {
  const lane = strictestLane(
    inputs.effect,
    inputs.tool ?? 'auto',
    inputs.policy,
    inputs.scan,
    inputs.killSwitch,
  );
  const reasons: string[] = [];
  if (lane === 'auto') return { lane, reasons };
  if (inputs.effect === lane) reasons.push('effect');
  if (inputs.tool === lane) reasons.push('tool');
  if (inputs.policy === lane) reasons.push('policy');
  if (inputs.scan === lane) reasons.push('scan');
  if (inputs.killSwitch === lane) reasons.push('kill_switch');
  return { lane, reasons };
}

export function killSwitchLane(engaged: boolean, effect: ToolEffect): Lane {
  return engaged && effect !== 'read' ? 'confirm' : 'auto';
}
