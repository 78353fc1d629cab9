import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVault, replaceTokens } from './vault.js';

describe('createVault', () => {
  it('gives one value one token within a vault and round-trips', () => {
    const vault = createVault();
    const a = vault.tokenize('jane@example.com', 'EMAIL_ADDRESS');
    expect(vault.tokenize('jane@example.com', 'EMAIL_ADDRESS')).toBe(a);
    const b = vault.tokenize('john@example.com', 'EMAIL_ADDRESS');
    expect(b).not.toBe(a);
    expect(a).toMatch(/^\[EMAIL_ADDRESS:tok_[a-z2-7]{16}\]$/);
    expect(vault.size).toBe(2);
    expect(vault.detokenize(`to ${a}, cc ${b}, again ${a}`)).toBe(
      'to jane@example.com, cc john@example.com, again jane@example.com',
    );
    expect(vault.reveal(a)).toBe('jane@example.com');
  });

  it('never resolves another vault’s tokens', () => {
    const requestA = createVault();
    const requestB = createVault();
    const tokenA = requestA.tokenize('4111 1111 1111 1111', 'CREDIT_CARD');
    const tokenB = requestB.tokenize('4111 1111 1111 1111', 'CREDIT_CARD');
    expect(tokenA).not.toBe(tokenB);
    expect(requestB.detokenize(`pay ${tokenA}`)).toBe(`pay ${tokenA}`);
    expect(requestB.reveal(tokenA)).toBeUndefined();
    expect(requestA.detokenize(`pay ${tokenA}`)).toBe('pay 4111 1111 1111 1111');
  });

  it('makes tokens unguessable: random, distinct and not derived from the value', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 200; i++) tokens.add(createVault().tokenize('same value', 'PERSON'));
    expect(tokens.size).toBe(200);
    const vault = createVault();
    const forged = '[PERSON:tok_aaaaaaaaaaaaaaaa]';
    vault.tokenize('Jane Doe', 'PERSON');
    expect(vault.detokenize(forged)).toBe(forged);
  });

  it('wipes values on dispose and fails closed afterwards', () => {
    const vault = createVault();
    const token = vault.tokenize('536-22-8726', 'US_SSN');
    vault.dispose();
    expect(vault.disposed).toBe(true);
    expect(vault.size).toBe(0);
    expect(() => vault.detokenize(token)).toThrow(/disposed/);
    expect(() => vault.tokenize('x', 'PERSON')).toThrow(/disposed/);
    expect(() => vault.reveal(token)).toThrow(/disposed/);
  });

  it('does not expose values through serialisation or inspection', () => {
    const vault = createVault();
    vault.tokenize('top-secret-value', 'PERSON');
    expect(JSON.stringify(vault)).not.toContain('top-secret-value');
    expect(Object.keys(vault).join()).not.toContain('top-secret-value');
    expect(Object.isFrozen(vault)).toBe(true);
  });

  it('detokenizes strings inside tool arguments without re-parsing JSON', () => {
    const vault = createVault();
    const token = vault.tokenize('O"Brien', 'PERSON');
    const args = { to: token, list: [token, 3], nested: { note: `hi ${token}` }, n: null };
    expect(vault.detokenizeDeep(args)).toEqual({
      to: 'O"Brien',
      list: ['O"Brien', 3],
      nested: { note: 'hi O"Brien' },
      n: null,
    });
  });

  it('sanitises labels inside tokens', () => {
    const vault = createVault();
    expect(vault.tokenize('v', 'weird label]')).toMatch(/^\[WEIRD_LABEL_:tok_[a-z2-7]{16}\]$/);
  });

  it('detokenize(tokenize(x)) = x for arbitrary values and surrounding text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        (values) => {
          const vault = createVault();
          const original = values.join(' | ');
          const tokenized = values.map((v) => vault.tokenize(v, 'PERSON')).join(' | ');
          expect(vault.detokenize(tokenized)).toBe(original);
        },
      ),
    );
  });

  it('leaves malformed tokens alone', () => {
    const text = '[PERSON:tok_short] [person:tok_aaaaaaaaaaaaaaaa] [PERSON:tok_aaaaaaaaaaaaaaaa';
    expect(replaceTokens(text, () => 'X')).toBe(text);
    expect(replaceTokens('[A:tok_abcdefghijklmnop]', () => 'X')).toBe('X');
  });
});
