import { describe, expect, it } from 'vitest';
import { charIndexOfByte, positionAt } from './sourceLocation.js';
import { splitPolicies } from './splitPolicies.js';

describe('splitPolicies', () => {
  it('cuts at top-level semicolons, not inside strings or comments', () => {
    const text = [
      '// a comment; with a semicolon',
      '@id("a;b") permit(principal, action, resource) when { context.scanLane == "x;y\\";" };',
      '',
      'forbid(principal, action, resource); // trailing; comment',
      '',
    ].join('\n');
    const chunks = splitPolicies(text);
    expect(chunks?.map((c) => c.text)).toEqual([
      '@id("a;b") permit(principal, action, resource) when { context.scanLane == "x;y\\";" };',
      'forbid(principal, action, resource);',
    ]);
    expect(chunks?.map((c) => positionAt(text, c.start))).toEqual([
      { line: 2, column: 1 },
      { line: 4, column: 1 },
    ]);
  });

  it('gives up on text that does not cut cleanly', () => {
    expect(splitPolicies('permit(principal, action, resource) when { "open };')).toBeUndefined();
    expect(splitPolicies('permit(principal, action, resource)')).toBeUndefined();
    expect(splitPolicies('permit(principal, action, resource));')).toBeUndefined();
    expect(splitPolicies('  // nothing here\n')).toEqual([]);
  });
});

describe('source locations', () => {
  it('turns Cedar byte offsets into UTF-16 indices and 1-based line:column', () => {
    const text = 'é😀x\nab';
    expect(charIndexOfByte(text, 0)).toBe(0);
    expect(charIndexOfByte(text, 2)).toBe(1);
    expect(charIndexOfByte(text, 6)).toBe(3);
    expect(charIndexOfByte(text, 7)).toBe(4);
    expect(positionAt(text, 4)).toEqual({ line: 1, column: 5 });
    expect(positionAt(text, 6)).toEqual({ line: 2, column: 2 });
  });
});
