import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_MASK,
  maskCredentials,
  maskDigitRuns,
  maskEmails,
  maskTokenRuns,
  NUMBER_MASK,
  defaultPreviewRedactor as redact,
  SECRET_MASK,
  TOKEN_MASK,
} from './preview.js';

// Obviously fake fixtures, built at run time so no scanner mistakes them for real secrets.
const FAKE_API_KEY = ['sk', 'test', 'FAKEFAKEFAKEFAKE0000'].join('_');
const FAKE_JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJmYWtlIn0', 'ZmFrZS1zaWduYXR1cmUtZmFrZQ'].join('.');
const FAKE_CARD = '4111 1111 1111 1111';
const FAKE_PASSWORD = 'hunter2-not-real';

describe('default preview redactor', () => {
  it('masks e-mail addresses', () => {
    expect(redact('write to jane.doe+test@example.com today')).toBe(`write to ${EMAIL_MASK} today`);
    expect(redact('a@b.co, c@d.example.org.')).toBe(`${EMAIL_MASK}, ${EMAIL_MASK}.`);
    expect(maskEmails('not an address: a@b, @example.com, x@y.z1')).toBe(
      'not an address: a@b, @example.com, x@y.z1',
    );
  });

  it('masks card numbers, phone numbers and IBAN digit groups', () => {
    expect(redact(`card ${FAKE_CARD} ok`)).toBe(`card ${NUMBER_MASK} ok`);
    expect(redact('call +1 (555) 010-9999 now')).toBe(`call ${NUMBER_MASK} now`);
    expect(redact('IBAN DE89 3704 0044 0532 0130 00')).toBe(`IBAN DE${NUMBER_MASK}`);
    expect(redact('pin 1234, code 987')).toBe(`pin ${NUMBER_MASK}, code 987`);
    expect(maskDigitRuns('at 10:30 on day 7')).toBe('at 10:30 on day 7');
  });

  it('masks API keys, JWTs and other long token-like runs', () => {
    expect(redact(`key ${FAKE_API_KEY} end`)).toBe(`key ${TOKEN_MASK} end`);
    expect(redact(`jwt ${FAKE_JWT}`)).toBe(`jwt ${TOKEN_MASK}`);
    expect(redact('blob QUJDREVGR0hJSktMTU5PUA== tail')).toBe(`blob ${TOKEN_MASK} tail`);
    expect(maskTokenRuns('ordinary words stay visible')).toBe('ordinary words stay visible');
  });

  it('masks credentials after sensitive keys and auth schemes', () => {
    expect(redact(`password=${FAKE_PASSWORD}`)).toBe(`password=${SECRET_MASK}`);
    expect(redact(`{"password": "${FAKE_PASSWORD}"}`)).toBe(`{"password": "${SECRET_MASK}"}`);
    expect(redact(`db_pass: x y`)).toBe(`db_pass: ${SECRET_MASK} y`);
    expect(redact(`Authorization: Bearer abc.def`)).toBe(`Authorization: Bearer ${SECRET_MASK}`);
    expect(redact(`curl -H "Authorization: Basic dXNlcjpwYXNz"`)).toBe(
      `curl -H "Authorization: Basic ${SECRET_MASK}"`,
    );
    expect(redact(`?api_key=abc&x=1`)).toBe(`?api_key=${SECRET_MASK}&x=1`);
    expect(redact(`client_secret => 'two words'`)).toBe(`client_secret => '${SECRET_MASK}'`);
    expect(redact(`token='unterminated and the rest`)).toBe(`token='${SECRET_MASK}`);
    expect(maskCredentials('the key point is clear')).toBe('the key point is clear');
  });

  it('never lets a fixture secret through, whatever surrounds it (property)', () => {
    const secrets = [FAKE_API_KEY, FAKE_JWT, FAKE_PASSWORD, '4111111111111111', 'jane.doe@example.com'];
    const filler = fc.string({ maxLength: 30 }).map((s) => s.replace(/[A-Za-z0-9_\-+/=.@%]/g, ' '));
    fc.assert(
      fc.property(filler, fc.constantFrom(...secrets), filler, (before, secret, after) => {
        const wrapped = secret === FAKE_PASSWORD ? `password=${secret}` : secret;
        const out = redact(`${before} ${wrapped} ${after}`);
        expect(out).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('runs in linear time on adversarial inputs (no backtracking)', () => {
    // Each of these would take seconds with a quadratic scan; together they must stay quick
    // enough not to matter (no timing assertion: the suite's own timeout is the bound).
    const inputs = [
      'a@'.repeat(50_000),
      'a@b'.repeat(50_000),
      `${'a.'.repeat(50_000)}@`,
      '1 '.repeat(50_000),
      'key='.repeat(30_000),
      'bearer '.repeat(30_000),
      `password="${'x'.repeat(100_000)}`,
      'x'.repeat(100_000),
    ];
    for (const input of inputs) expect(typeof redact(input)).toBe('string');
  });
});
