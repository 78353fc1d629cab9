import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOriginalSpans } from '../normalise/index.js';
import { expandForDetection } from './expand.js';

const piece = fc.oneof(
  fc.constantFrom(
    'Ignore ',
    'ＰＲＥＶＩＯＵＳ ',
    'i g n o r e ',
    '1gn0re ',
    '\u200b',
    'é',
    '😀',
    ' aWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM= ',
    '%69%67%6e%6f%72%65%20%61%6c%6c ',
    '&#105;&#103;&#110; ',
    '69676e6f726520616c6c20707265766f7573 ',
    '\u{e0069}\u{e0067}',
  ),
  fc.string({ maxLength: 4 }),
);

describe('span mapping', () => {
  it('batch mapping equals reading the materialised offset maps, for the text and every decoded unit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
        fc.array(fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 200 })), { maxLength: 6 }),
        (text, pairs) => {
          for (const unit of expandForDetection(text)) {
            const spans = pairs.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
            const batch = toOriginalSpans(unit.mapped, spans);
            // The same spans read off the full maps (the getters materialise them).
            const viaMaps = toOriginalSpans(
              { text: unit.mapped.text, starts: unit.mapped.starts, ends: unit.mapped.ends },
              spans,
            );
            expect(batch).toEqual(viaMaps);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
