import { afterEach, describe, expect, it, vi } from 'vitest';
import { findCandidates } from './detectSecrets.js';
import { FINGERPRINT_KEY_ENV } from './fingerprint.js';
import { corruptLast, githubToken, npmToken, seeded } from './fixtures/tokens.js';
import { DETECTOR_IDS, detectSecrets, PROVIDERS, SECRET_REPORT_THRESHOLD } from './index.js';

const rand = seeded(1);
const github = githubToken(rand);
const npm = npmToken(rand);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('detectSecrets', () => {
  it('returns sorted, non-overlapping matches with exact spans', () => {
    const text = `token = "${github}"\nNPM_TOKEN=${npm}\npostgres://svc:Hk28vQz1LmPw@db/x`;
    const matches = detectSecrets(text, { fingerprintKey: 'k' });
    expect(matches.map((m) => [m.type, text.slice(m.start, m.end)])).toEqual([
      ['secret:github', github],
      ['secret:npm', npm],
      ['secret:database-url', 'Hk28vQz1LmPw'],
    ]);
    for (let i = 1; i < matches.length; i++)
      expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
  });

  it('reports a provider token under a key name once, as the provider', () => {
    const text = `github_token: ${github}`;
    expect(detectSecrets(text).map((m) => m.type)).toEqual(['secret:github']);
    const password = `password: Xr7#pL2q-${github.slice(4, 12)}`;
    const overlap = findCandidates(password).map((c) => c.detector);
    expect(overlap).toEqual(['password-assignment']);
  });

  it('lets the provider rule decide for its prefix: a failed checksum is not re-reported as generic', () => {
    expect(detectSecrets(`GITHUB_TOKEN=${corruptLast(github)}`)).toEqual([]);
    expect(detectSecrets(`token: ${corruptLast(npm)}`)).toEqual([]);
  });

  it('filters by confidence', () => {
    const text = 'pk_live_4eC39HqLyjWDarjtT1zdp7dc';
    expect(detectSecrets(text)[0]?.confidence).toBe(0.3);
    expect(detectSecrets(text, { minConfidence: SECRET_REPORT_THRESHOLD })).toEqual([]);
  });

  it('returns nothing for text without secrets and for the empty string', () => {
    expect(detectSecrets('')).toEqual([]);
    expect(detectSecrets('The quick brown fox: nothing to see here = 42.')).toEqual([]);
  });
});

describe('fingerprints', () => {
  const text = `key ${github} and again ${github}`;

  it('are stable under one key, differ across keys and never contain the value', () => {
    const [a, b] = detectSecrets(text, { fingerprintKey: 'deployment-1' });
    const [c] = detectSecrets(text, { fingerprintKey: new TextEncoder().encode('deployment-1') });
    const [d] = detectSecrets(text, { fingerprintKey: 'deployment-2' });
    expect(a!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(c!.fingerprint).toBe(a!.fingerprint);
    expect(d!.fingerprint).not.toBe(a!.fingerprint);
    for (const m of [a, b, c, d]) {
      expect(m!.fingerprint).not.toContain(github);
      expect(m!.fingerprint).not.toContain(github.slice(4, 14).toLowerCase());
    }
  });

  it('use MAESTRO_FINGERPRINT_KEY when no key is given, else one random key per process', () => {
    const processKey = detectSecrets(text)[0]!.fingerprint;
    expect(detectSecrets(text)[0]!.fingerprint).toBe(processKey);
    vi.stubEnv(FINGERPRINT_KEY_ENV, 'from-env');
    const fromEnv = detectSecrets(text)[0]!.fingerprint;
    expect(fromEnv).toBe(detectSecrets(text, { fingerprintKey: 'from-env' })[0]!.fingerprint);
    expect(fromEnv).not.toBe(processKey);
  });
});

describe('PROVIDERS', () => {
  it('has exactly one row per detector id, with a provider, format, checks and an https source', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of DETECTOR_IDS) expect(ids).toContain(id);
    for (const p of PROVIDERS) {
      expect(p.provider).toMatch(/^[a-z0-9-]+$/);
      expect(p.format.length).toBeGreaterThan(5);
      expect(p.checks.length).toBeGreaterThan(0);
      expect(p.source).toMatch(/^https:\/\//);
    }
  });
});
