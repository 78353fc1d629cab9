import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import {
  BASE62,
  BASE64,
  BASE64URL,
  corruptLast,
  githubToken,
  HEX,
  LETTERS,
  npmToken,
  randomOf,
  seeded,
} from '../fixtures/tokens.js';

const rand = seeded(19);
const r = (alphabet: string, length: number): string => randomOf(alphabet, length, rand);

interface Case {
  readonly name: string;
  readonly token: string;
  readonly type: string;
  readonly confidence: number;
  /** Text around the token, `%` marks where it goes. */
  readonly around?: string;
}

const POSITIVES: readonly Case[] = [
  { name: 'GitHub classic PAT', token: githubToken(rand), type: 'secret:github', confidence: 1 },
  { name: 'GitHub OAuth token', token: githubToken(rand, 'gho_'), type: 'secret:github', confidence: 1 },
  {
    name: 'GitHub server-to-server token',
    token: githubToken(rand, 'ghs_'),
    type: 'secret:github',
    confidence: 1,
  },
  {
    name: 'GitHub fine-grained PAT',
    token: `github_pat_${r(BASE62, 22)}_${r(BASE62, 59)}`,
    type: 'secret:github',
    confidence: 0.95,
  },
  {
    name: 'AWS access key id',
    token: `AKIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    type: 'secret:aws',
    confidence: 0.9,
  },
  {
    name: 'AWS temporary key id',
    token: `ASIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    type: 'secret:aws',
    confidence: 0.9,
  },
  {
    name: 'AWS secret access key near its name',
    token: r(BASE64, 40),
    type: 'secret:aws',
    confidence: 0.85,
    around: 'aws_secret_access_key = %\n',
  },
  {
    name: 'Slack bot token',
    token: `xoxb-3918095482${r('0123456789', 2)}-4236212766${r('0123456789', 3)}-${r(BASE62, 24)}`,
    type: 'secret:slack',
    confidence: 0.95,
  },
  {
    name: 'Slack user token',
    token: `xoxp-1-${r(BASE62, 40)}-${r(BASE62, 20)}`,
    type: 'secret:slack',
    confidence: 0.9,
  },
  {
    name: 'Slack webhook',
    token: `https://hooks.slack.com/services/T${r('ABCDEFGHJKMNPQRSTVWXYZ2479', 10)}/B${r('ABCDEFGHJKMNPQRSTVWXYZ2479', 10)}/${r(BASE62, 24)}`,
    type: 'secret:slack',
    confidence: 0.95,
  },
  {
    name: 'Stripe live secret key',
    token: `sk_live_${r(BASE62, 99)}`,
    type: 'secret:stripe',
    confidence: 0.95,
  },
  {
    name: 'Stripe restricted key',
    token: `rk_live_${r(BASE62, 24)}`,
    type: 'secret:stripe',
    confidence: 0.95,
  },
  {
    name: 'Stripe test secret key',
    token: `sk_test_${r(BASE62, 24)}`,
    type: 'secret:stripe',
    confidence: 0.7,
  },
  {
    name: 'Stripe live publishable key (low)',
    token: `pk_live_${r(BASE62, 24)}`,
    type: 'secret:stripe',
    confidence: 0.3,
  },
  { name: 'Stripe webhook secret', token: `whsec_${r(BASE62, 32)}`, type: 'secret:stripe', confidence: 0.85 },
  {
    name: 'OpenAI legacy key',
    token: `sk-${r(BASE62, 20)}T3BlbkFJ${r(BASE62, 20)}`,
    type: 'secret:openai',
    confidence: 0.95,
  },
  {
    name: 'OpenAI project key',
    token: `sk-proj-${r(BASE64URL, 74)}T3BlbkFJ${r(BASE64URL, 74)}`,
    type: 'secret:openai',
    confidence: 0.95,
  },
  {
    name: 'OpenAI service-account key',
    token: `sk-svcacct-${r(BASE64URL, 58)}T3BlbkFJ${r(BASE64URL, 58)}`,
    type: 'secret:openai',
    confidence: 0.95,
  },
  {
    name: 'Anthropic API key',
    token: `sk-ant-api03-${r(BASE64URL, 93)}AA`,
    type: 'secret:anthropic',
    confidence: 0.95,
  },
  {
    name: 'Anthropic admin key',
    token: `sk-ant-admin01-${r(BASE64URL, 93)}AA`,
    type: 'secret:anthropic',
    confidence: 0.95,
  },
  { name: 'Google API key', token: `AIza${r(BASE64URL, 35)}`, type: 'secret:google', confidence: 0.9 },
  {
    name: 'Google OAuth client secret',
    token: `GOCSPX-${r(BASE64URL, 28)}`,
    type: 'secret:google',
    confidence: 0.9,
  },
  { name: 'npm token', token: npmToken(rand), type: 'secret:npm', confidence: 1 },
  {
    name: 'PyPI token',
    token: `pypi-AgEIcHlwaS5vcmc${r(BASE64URL, 150)}`,
    type: 'secret:pypi',
    confidence: 0.95,
  },
  {
    name: 'Twilio API key SID near "twilio"',
    token: `SK${r(HEX, 32)}`,
    type: 'secret:twilio',
    confidence: 0.9,
    around: 'TWILIO_API_KEY=%',
  },
  { name: 'Twilio API key SID alone', token: `SK${r(HEX, 32)}`, type: 'secret:twilio', confidence: 0.6 },
  {
    name: 'SendGrid key',
    token: `SG.${r(BASE64URL, 22)}.${r(BASE64URL, 43)}`,
    type: 'secret:sendgrid',
    confidence: 0.95,
  },
  { name: 'Hugging Face token', token: `hf_${r(LETTERS, 34)}`, type: 'secret:huggingface', confidence: 0.9 },
  { name: 'GitLab PAT', token: `glpat-${r(BASE64URL, 20)}`, type: 'secret:gitlab', confidence: 0.9 },
  { name: 'GitLab runner token', token: `glrt-${r(BASE64URL, 20)}`, type: 'secret:gitlab', confidence: 0.9 },
];

function place(c: Case): { text: string; start: number } {
  const around = c.around ?? 'the value is % here';
  const start = around.indexOf('%');
  return { text: around.replace('%', c.token), start };
}

describe('provider token detectors', () => {
  for (const c of POSITIVES) {
    it(`finds a ${c.name} with its exact span`, () => {
      const { text, start } = place(c);
      const matches = detectSecrets(text, { fingerprintKey: 'k' });
      expect(matches).toHaveLength(1);
      const [m] = matches;
      expect(m).toMatchObject({ type: c.type, start, end: start + c.token.length, label: 'SECRET' });
      expect(m!.confidence).toBeCloseTo(c.confidence, 5);
      expect(text.slice(m!.start, m!.end)).toBe(c.token);
    });
  }
});

/** Near misses: each must produce no match at or above 0.5. */
const NEAR_MISSES: readonly (readonly [string, string])[] = [
  ['GitHub token with a wrong checksum', corruptLast(githubToken(rand))],
  ['GitHub token one character short', githubToken(rand).slice(0, -1)],
  ['GitHub token glued to a word', `xghp_${githubToken(rand).slice(4)}`],
  ['documentation GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyzABCD012345'],
  ['npm token with a wrong checksum', corruptLast(npmToken(rand))],
  ['AWS example key id', 'AKIAIOSFODNN7EXAMPLE'],
  ['AWS key id one short', `AKIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`],
  ['AWS key id inside base64', `AKIA${r('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}==`],
  ['AWS-looking 40 characters without context', `value: ${r(BASE64, 40)}`],
  ['AWS example secret', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['Slack token without segments', `xoxb-${r(BASE62, 30)}`],
  ['Stripe key too short', `sk_live_${r(BASE62, 12)}`],
  ['Stripe test publishable key', `pk_test_${r(BASE62, 24)}`],
  ['OpenAI key without the marker', `sk-${r(BASE62, 48)}`],
  ['OpenAI key with an ascending run', `sk-1234567${r(BASE62, 13)}T3BlbkFJ${r(BASE62, 20)}`],
  ['Anthropic key too short', `sk-ant-api03-${r(BASE64URL, 40)}`],
  ['Google key too short', `AIza${r(BASE64URL, 34)}`],
  ['Twilio SID with mixed case', `SK${r('0123456789abcdefABCDEF', 32)}`],
  ['Twilio SID not hex', `SK${r(BASE62, 32)}`],
  ['SendGrid parts of the wrong length', `SG.${r(BASE64URL, 16)}.${r(BASE64URL, 16)}`],
  ['Hugging Face token with digits only', `hf_${r('0123456789', 34)}`],
  ['Hugging Face example token', 'hf_UdYjVqYvybBLEhIrwwEUYjOgkeyexample'],
  ['GitLab token too short', `glpat-${r(BASE64URL, 10)}`],
];

describe('near misses', () => {
  for (const [name, text] of NEAR_MISSES) {
    it(`reports nothing confident for ${name}`, () => {
      expect(detectSecrets(text, { minConfidence: 0.5 })).toEqual([]);
    });
  }
});
