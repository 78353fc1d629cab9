import { describe, expect, it } from 'vitest';
import { spansFromRedacted } from './peers/haiGuardrails.js';
import { matchSpans, overlapRatio, SpanScorer } from './score.js';

describe('span scoring', () => {
  it('measures overlap against the longer span', () => {
    expect(overlapRatio({ start: 0, end: 10 }, { start: 0, end: 10 })).toBe(1);
    expect(overlapRatio({ start: 0, end: 10 }, { start: 5, end: 10 })).toBe(0.5);
    expect(overlapRatio({ start: 0, end: 10 }, { start: 0, end: 4 })).toBe(0.4);
    expect(overlapRatio({ start: 0, end: 4 }, { start: 4, end: 8 })).toBe(0);
  });

  it('matches one to one', () => {
    const gold = [{ start: 0, end: 10 }];
    expect(
      matchSpans(gold, [
        { start: 0, end: 10 },
        { start: 1, end: 10 },
      ]),
    ).toBe(1);
    expect(matchSpans(gold, [{ start: 0, end: 4 }])).toBe(0);
    expect(
      matchSpans(
        [
          { start: 0, end: 4 },
          { start: 6, end: 10 },
        ],
        [{ start: 0, end: 10 }],
      ),
    ).toBe(0);
  });

  it('counts per type', () => {
    const scorer = new SpanScorer();
    scorer.add(
      [
        { type: 'EMAIL_ADDRESS', start: 0, end: 10 },
        { type: 'PHONE_NUMBER', start: 20, end: 30 },
      ],
      [
        { type: 'EMAIL_ADDRESS', start: 0, end: 10 },
        { type: 'PHONE_NUMBER', start: 0, end: 10 },
      ],
      ['EMAIL_ADDRESS', 'PHONE_NUMBER'],
    );
    expect(scorer.of('EMAIL_ADDRESS')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(scorer.of('PHONE_NUMBER')).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });
});

describe('spansFromRedacted (hai-guardrails alignment)', () => {
  it('recovers marker spans from redacted text', () => {
    const original = 'Mail a@b.com. Call 555-123-4567 now';
    const redacted = 'Mail [REDACTED-EMAIL]. Call [REDACTED-PHONE] now';
    expect(spansFromRedacted(original, redacted)).toEqual([
      { type: 'EMAIL_ADDRESS', start: 5, end: 12 },
      { type: 'PHONE_NUMBER', start: 19, end: 31 },
    ]);
  });

  it('handles markers at the start and the end', () => {
    expect(spansFromRedacted('10.0.0.1', '[REDACTED-IP-ADDRESS]')).toEqual([
      { type: 'IP_ADDRESS', start: 0, end: 8 },
    ]);
    expect(spansFromRedacted('ssn 123-45-6789', 'ssn [REDACTED-SSN]')).toEqual([
      { type: 'US_SSN', start: 4, end: 15 },
    ]);
  });
});
