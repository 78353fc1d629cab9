import { describe, expect, it } from 'vitest';
import { composeDocument, readBlocks } from './report.js';

describe('generated report blocks', () => {
  it('round-trips suite blocks and keeps their order', () => {
    const doc = composeDocument(
      '# Header',
      new Map([
        ['injection', '## A\n\ntable'],
        ['secrets', '## B'],
      ]),
    );
    expect([...readBlocks(doc).entries()]).toEqual([
      ['injection', '## A\n\ntable'],
      ['secrets', '## B'],
    ]);
  });

  it('replaces one block without touching the others', () => {
    const blocks = readBlocks(
      composeDocument(
        '# Old',
        new Map([
          ['injection', 'old'],
          ['pii', 'kept'],
        ]),
      ),
    );
    blocks.set('injection', 'new');
    const doc = composeDocument('# New', blocks);
    expect(doc.startsWith('# New')).toBe(true);
    expect(readBlocks(doc).get('injection')).toBe('new');
    expect(readBlocks(doc).get('pii')).toBe('kept');
  });
});
