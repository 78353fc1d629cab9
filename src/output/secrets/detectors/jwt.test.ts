import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import { BASE64URL, base64url, jwt, randomOf, seeded } from '../fixtures/tokens.js';

const rand = seeded(3);
const signature = randomOf(BASE64URL, 43, rand);

describe('JWT', () => {
  it('finds a signed JWT with an exact span', () => {
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'agent-7', exp: 1900000000 }, signature);
    const text = `Authorization: Bearer ${token}.`;
    const [m, ...rest] = detectSecrets(text);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ type: 'secret:jwt', confidence: 0.9 });
    expect(text.slice(m!.start, m!.end)).toBe(token);
  });

  it('reports unsigned tokens (alg none) at 0.5', () => {
    const token = `${jwt({ alg: 'none' }, { sub: 'x' }, '')}`;
    expect(detectSecrets(`t=${token} `)[0]).toMatchObject({ type: 'secret:jwt', confidence: 0.5 });
  });

  it('rejects a header without alg, a payload that is not JSON, short or example signatures, and JWE', () => {
    expect(detectSecrets(jwt({ typ: 'JWT' }, { sub: 'x' }, signature))).toEqual([]);
    const header = base64url(JSON.stringify({ alg: 'RS256' }));
    expect(detectSecrets(`${header}.NiIsInR5cCI6IkpXV.${signature}`)).toEqual([]);
    expect(detectSecrets(jwt({ alg: 'HS256' }, { sub: 'x' }, 'abc'))).toEqual([]);
    expect(detectSecrets(jwt({ alg: 'HS256' }, { sub: 'x' }, '99l-EXAMPLEFAKESIG'))).toEqual([]);
    expect(
      detectSecrets(`${jwt({ alg: 'RSA-OAEP', enc: 'A256GCM' }, { a: 1 }, signature)}.${signature}`),
    ).toEqual([]);
  });

  it('does not treat one base64 JSON blob as a JWT', () => {
    expect(detectSecrets(base64url(JSON.stringify({ alg: 'HS256', data: 'x'.repeat(40) })))).toEqual([]);
  });
});
