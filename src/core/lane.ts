/** The route a request takes. Ordered from least to most strict. */
export const LANES = ['auto', 'confirm', 'block'] as const;
export type Lane = (typeof LANES)[number];

const RANK: Readonly<Record<Lane, number>> = { auto: 0, confirm: 1, block: 2 };

/** The strictest of the given lanes; `auto` when none are given. */
export function strictestLane(...lanes: Lane[]): Lane {
  let result: Lane = 'auto';
  for (const lane of lanes) if (RANK[lane] > RANK[result]) result = lane;
  return result;
}
