import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import { BASE62, BASE64, HEX, randomOf, seeded } from '../fixtures/tokens.js';

const rand = seeded(11);

function entropyHits(text: string): string[] {
  return detectSecrets(text, { minConfidence: 0.5 })
    .filter((m) => m.type === 'secret:high-entropy')
    .map((m) => text.slice(m.start, m.end));
}

describe('high-entropy strings', () => {
  it('finds a random base64 string after a key word', () => {
    const value = randomOf(BASE64, 40, rand);
    expect(entropyHits(`use the signing key ${value} for staging`)).toEqual([value]);
    const token = randomOf(BASE62, 24, rand);
    expect(entropyHits(`curl -H "X-Session ${token}"`)).toEqual([token]);
  });

  it('finds long random hex after a key word, but not digest lengths', () => {
    const value = randomOf(HEX, 48, rand);
    expect(entropyHits(`api key ${value}`)).toEqual([value]);
    const sha256 = createHash('sha256').update('x').digest('hex');
    const sha1 = createHash('sha1').update('x').digest('hex');
    const md5 = createHash('md5').update('x').digest('hex');
    expect(entropyHits(`key ${sha256} key ${sha1} key ${md5}`)).toEqual([]);
  });

  it('needs a key word on the line', () => {
    expect(entropyHits(`value ${randomOf(BASE64, 40, rand)}`)).toEqual([]);
    expect(entropyHits(`capital ${randomOf(BASE64, 40, rand)}`)).toEqual([]);
  });

  it.each([
    ['a UUID', `api key ${randomUUID()}`],
    [
      'a data URI image',
      `key: data:image/png;base64,${Buffer.from(randomOf(BASE64, 60, rand)).toString('base64')}`,
    ],
    ['a file path', 'private key at /usr/local/share/ca-certificates/internal/rootKey2024.pem'],
    ['a URL without credentials', 'token endpoint https://auth.example.com/oauth2/v1/token?client=web2024'],
    ['a camelCase identifier', 'key exchangeAuthorizationAccessTokenWithPermission'],
    ['an identifier with digits', 'key getUserTokenForTenant2Async'],
    ['a version string', 'api version 2024.11.0-beta.3+build.17'],
    ['an example', `secret ${randomOf(BASE64, 28, rand)}EXAMPLE`],
    ['an over-long blob', `key ${randomOf(BASE64, 400, rand)}`],
  ])('ignores %s', (_name, text) => {
    expect(entropyHits(text)).toEqual([]);
  });
});
