import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import shipped from './injection-model.json' with { type: 'json' };
import { modelFileProblem } from './modelFile.js';
import { ModelFileSchema } from './modelFileSchema.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `value`, the root included. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) {
    // Lists of numbers: the first and last entries stand for the rest.
    const picks = value.length <= 2 ? value.keys() : [0, value.length - 1].values();
    for (const i of picks) out.push(...paths(value[i], [...prefix, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** The shipped file without its 350 KB of weights (the shape check does not read them). */
function base(): Record<string, unknown> {
  const copy = structuredClone(shipped) as unknown as Record<string, Record<string, unknown>>;
  copy['weights'] = { ...copy['weights'], data: 'AAAA' };
  return copy;
}

const ALL_PATHS = paths(base());

type Mutation =
  | { kind: 'set'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; value: unknown };

function mutate(file: Record<string, unknown>, path: Array<string | number>, m: Mutation): unknown {
  if (path.length === 0) return m.kind === 'set' ? m.value : file;
  let parent: Record<string | number, unknown> = file;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      (target as Record<string, unknown>)[m.key] = m.value;
    }
  }
  return file;
}

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    1,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'int8',
    'maestro.injection-linear',
    true,
    null,
    undefined,
    [],
    {},
    [1, 2],
    ['a'],
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  jsonValue.map((value) => ({ kind: 'set' as const, value })),
  fc.constant({ kind: 'delete' as const }),
  fc.tuple(fc.constantFrom('extra', 'dev', 'description', 'bits'), jsonValue).map(([key, value]) => ({
    kind: 'add' as const,
    key,
    value,
  })),
);

describe('modelFileProblem', () => {
  it('accepts the shipped model file', () => {
    expect(modelFileProblem(shipped)).toBeUndefined();
    expect(ModelFileSchema.safeParse(shipped).success).toBe(true);
  });

  it('accepts exactly what ModelFileSchema accepts, under single mutations anywhere (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), mutation, (path, m) => {
        const file = mutate(base(), path, m);
        const zodOk = ModelFileSchema.safeParse(file).success;
        const problem = modelFileProblem(file);
        expect(problem === undefined).toBe(zodOk);
      }),
      { numRuns: 4000 },
    );
  });
});
