import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import { ageSecretKey, BASE62, BASE64URL, grafanaToken, HEX, randomOf, seeded } from '../fixtures/tokens.js';
import { PREFIXED_FORMATS } from './prefixedFormats.js';

const rand = seeded(5);

function types(text: string): [string, string][] {
  return detectSecrets(text, { minConfidence: 0.5 }).map((m) => [m.type, text.slice(m.start, m.end)]);
}

describe('further provider formats', () => {
  it.each([
    ['secret:digitalocean', `dop_v1_${randomOf(HEX, 64, rand)}`],
    ['secret:shopify', `shpat_${randomOf(HEX, 32, rand)}`],
    ['secret:linear', `lin_api_${randomOf(BASE62, 40, rand)}`],
    ['secret:docker', `dckr_pat_${randomOf(BASE64URL, 27, rand)}`],
    ['secret:sentry', `sntryu_${randomOf(HEX, 64, rand)}`],
    ['secret:groq', `gsk_${randomOf(BASE62, 52, rand)}`],
    ['secret:postman', `PMAK-${randomOf(HEX, 24, rand)}-${randomOf(HEX, 34, rand)}`],
    ['secret:doppler', `dp.pt.${randomOf(BASE62, 43, rand)}`],
    ['secret:rubygems', `rubygems_${randomOf(HEX, 48, rand)}`],
    [
      'secret:dynatrace',
      `dt0c01.${randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 24, rand)}.${randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 64, rand)}`,
    ],
    ['secret:grafana', grafanaToken(rand)],
    ['secret:age', ageSecretKey(rand)],
    ['secret:telegram', `5086276${randomOf('0123456789', 2, rand)}:AA${randomOf(BASE64URL, 33, rand)}`],
    [
      'secret:discord',
      `https://discord.com/api/webhooks/14839284${randomOf('0123456789', 10, rand)}/${randomOf(BASE64URL, 68, rand)}`,
    ],
  ])('finds a %s token with its exact span', (type, token) => {
    const found = types(`key: ${token}\n`);
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toBe(type);
    expect(token.endsWith(found[0]![1])).toBe(true);
  });

  it('verifies checksums where the format has one', () => {
    const grafana = grafanaToken(rand);
    expect(types(`${grafana.slice(0, -1)}${grafana.endsWith('0') ? '1' : '0'}`)).toEqual([]);
    const age = ageSecretKey(rand);
    expect(types(`${age.slice(0, -1)}${age.endsWith('Q') ? 'P' : 'Q'}`)).toEqual([]);
  });

  it('drops examples and prose dressed as tokens', () => {
    expect(types(`dop_v1_${'0123456789abcdef'.repeat(4)}`)).toEqual([]);
    expect(
      types(
        `https://discord.com/api/webhooks/148392840000482200/OsnNHsifi5q3u2_there-are-not-the-webhook-you-are-looking-for_8HZjFgIi`,
      ),
    ).toEqual([]);
    expect(types(`nfp_${randomOf(BASE62, 29, rand)}EXAMPLE`)).toEqual([]);
  });

  it('has unique ids and https sources', () => {
    const ids = PREFIXED_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const format of PREFIXED_FORMATS) expect(format.source).toMatch(/^https:\/\//);
  });
});
