import { describe, expect, it } from 'vitest';
import { type Doc, lineAt, lineStartsOf } from './corpus.js';
import { FILE_LABELS } from './labels.js';
import { scoreDoc, tallyByFamily } from './score.js';
import { parseLabel, parseSpec } from './units.js';

function doc(text: string, positive?: string, ignore?: string): Doc {
  const parsed = parseLabel({
    file: 't',
    family: 'password',
    ...(positive ? { positive } : {}),
    ...(ignore ? { ignore } : {}),
  });
  return {
    id: 't',
    source: 'credsweeper',
    text,
    lineStarts: lineStartsOf(text),
    family: 'password',
    units: parsed.units,
    ignored: parsed.ignored,
    negativeByName: false,
  };
}

describe('line specs', () => {
  it('parses single lines, blocks, per-line ranges and family overrides', () => {
    expect(parseSpec('3,5-7,9..10@aws', 'password', 'x')).toEqual([
      { from: 3, to: 3, family: 'password' },
      { from: 5, to: 7, family: 'password' },
      { from: 9, to: 9, family: 'aws' },
      { from: 10, to: 10, family: 'aws' },
    ]);
    expect(() => parseSpec('0', 'password', 'x')).toThrow(/bad line spec/);
  });

  it('accepts every stored label', () => {
    for (const label of FILE_LABELS) expect(() => parseLabel(label)).not.toThrow();
  });
});

describe('scoring', () => {
  it('counts a hit inside a block once, ignores ignored lines, and counts other hits as false positives', () => {
    const d = doc('a\nb\nc\nd\ne\nf', '2-4,6', '5');
    const outcome = scoreDoc(d, new Set([2, 3, 5, 1]));
    expect(outcome.detected).toEqual([true, false]);
    expect(outcome.falsePositiveLines).toEqual([1]);
    const tallies = tallyByFamily({
      detector: { name: 'x', description: '', hitLines: () => new Set() },
      outcomes: [outcome],
      ms: 0,
    });
    expect(tallies.get('password')).toEqual({ units: 2, tp: 1, fn: 1, fp: 1 });
  });

  it('maps offsets to 1-based lines', () => {
    const d = doc('ab\ncd\n\nef');
    expect([lineAt(d, 0), lineAt(d, 3), lineAt(d, 6), lineAt(d, 7)]).toEqual([1, 2, 3, 4]);
  });
});
