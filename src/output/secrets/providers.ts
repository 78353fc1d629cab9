import { ALNUM, BASE64URL, DIGIT, HEX, LOWER, UPPER } from './chars.js';
import { PREFIXED_FORMATS, type PrefixedFormat, type Segment } from './detectors/prefixedFormats.js';
import type { DetectorId } from './types.js';

/** What each detector looks for, which checks keep false positives down and where the format is specified. */
export interface ProviderSpec {
  readonly id: DetectorId;
  /** The `<provider>` part of the match type `secret:<provider>`. */
  readonly provider: string;
  readonly name: string;
  /** The format in words. */
  readonly format: string;
  /** Checks beyond the shape; a candidate failing one is dropped unless the check says otherwise. */
  readonly checks: readonly string[];
  /** Confidence given to a match, by case. */
  readonly confidence: string;
  /** Where two matches overlap, the higher priority wins (then the higher confidence). */
  readonly priority: number;
  /** The public specification or documentation of the format. */
  readonly source: string;
}

/** Checks shared by the token detectors. */
const BOUNDARY = 'not preceded or followed by another character of the token alphabet';
const NOT_FAKE =
  'not an example: no example/fake/dummy/xxxx word, no 6-long ascending or descending run, no character 8 times in a row, no 4-gram three times';

const CORE_PROVIDERS: readonly ProviderSpec[] = [
  {
    id: 'github-token',
    provider: 'github',
    name: 'GitHub token (classic PAT, OAuth, user-to-server, server-to-server, refresh)',
    format:
      '`ghp_`, `gho_`, `ghu_`, `ghs_` or `ghr_` + 30 base62 characters + 6-character base62 CRC-32 of those 30',
    checks: [
      BOUNDARY,
      'CRC-32 checksum verified (any body of 36 or more base62 characters whose last 6 check the rest)',
    ],
    confidence:
      '1.0 for the standard 36-character body; 0.95 for a longer body with a valid checksum; dropped when the checksum fails',
    priority: 3,
    source:
      'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
  },
  {
    id: 'github-fine-grained-pat',
    provider: 'github',
    name: 'GitHub fine-grained personal access token',
    format: '`github_pat_` + 22 base62 + `_` + 59 base62',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.95 (no public checksum)',
    priority: 3,
    source:
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
  },
  {
    id: 'aws-access-key-id',
    provider: 'aws',
    name: 'AWS access key id',
    format:
      '`AKIA` (long-term), `ASIA` (temporary), `ABIA` (STS bearer) or `ACCA` (context credential) + 16 upper-case letters or digits',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.9 when the 16 characters are base32 (A-Z, 2-7) as issued; 0.75 otherwise',
    priority: 3,
    source:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
  },
  {
    id: 'aws-secret-access-key',
    provider: 'aws',
    name: 'AWS secret access key',
    format: '40 characters of base64 (`A-Za-z0-9+/`)',
    checks: [
      BOUNDARY,
      'mixed case and digits, entropy of a random string',
      'an AWS context within 300 characters: the word `aws`, `secret_access_key`/`SecretAccessKey`, or an AWS access key id',
      NOT_FAKE,
    ],
    confidence: '0.85; not reported without context',
    priority: 2,
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  {
    id: 'slack-token',
    provider: 'slack',
    name: 'Slack bot, user, app, refresh and configuration tokens',
    format:
      '`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`, `xoxe.xoxp-`, `xapp-` + dash-separated segments',
    checks: [BOUNDARY, 'at least two non-empty segments and 20 characters after the prefix', NOT_FAKE],
    confidence: '0.95 for the bot-token shape `xoxb-<digits>-<digits>-<24 alphanumerics>`; 0.9 otherwise',
    priority: 3,
    source: 'https://api.slack.com/authentication/token-types',
  },
  {
    id: 'slack-webhook',
    provider: 'slack',
    name: 'Slack incoming webhook / workflow trigger URL',
    format: '`hooks.slack.com/services/T…/B…/<24 alphanumerics>` (also `/workflows/` and `/triggers/`)',
    checks: ['team id starts with `T`, bot/channel id with `B`, secret segment 20+ alphanumerics', NOT_FAKE],
    confidence: '0.95',
    priority: 3,
    source: 'https://api.slack.com/messaging/webhooks',
  },
  {
    id: 'stripe-key',
    provider: 'stripe',
    name: 'Stripe API key',
    format:
      '`sk_live_`, `rk_live_`, `sk_test_`, `rk_test_`, `pk_live_`, `pk_test_` + 24 to 247 alphanumerics',
    checks: [BOUNDARY, NOT_FAKE],
    confidence:
      '0.95 live secret or restricted key; 0.7 test-mode secret key; 0.3 live publishable key and 0.2 test publishable key (meant to be public: masked, not a leak)',
    priority: 3,
    source: 'https://docs.stripe.com/keys',
  },
  {
    id: 'stripe-webhook-secret',
    provider: 'stripe',
    name: 'Stripe webhook signing secret',
    format: '`whsec_` + 32 or more alphanumerics',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.85',
    priority: 3,
    source: 'https://docs.stripe.com/webhooks#verify-events',
  },
  {
    id: 'openai-api-key',
    provider: 'openai',
    name: 'OpenAI API key',
    format:
      'project/service-account/admin keys `sk-proj-`, `sk-svcacct-`, `sk-admin-` + base64url body containing `T3BlbkFJ`; legacy `sk-` + 20 + `T3BlbkFJ` + 20 alphanumerics',
    checks: [BOUNDARY, 'the `T3BlbkFJ` marker (base64 of "OpenAI") present', NOT_FAKE],
    confidence: '0.95',
    priority: 3,
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'anthropic-api-key',
    provider: 'anthropic',
    name: 'Anthropic API, admin and OAuth keys',
    format:
      '`sk-ant-api03-`, `sk-ant-admin01-`, `sk-ant-oat01-` (any `sk-ant-<kind><2 digits>-`) + 80 to 128 base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.95 when the body ends in `AA` as issued keys do; 0.85 otherwise',
    priority: 3,
    source: 'https://docs.anthropic.com/en/api/overview',
  },
  {
    id: 'google-api-key',
    provider: 'google',
    name: 'Google API key',
    format: '`AIza` + 35 base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.9',
    priority: 3,
    source: 'https://cloud.google.com/docs/authentication/api-keys',
  },
  {
    id: 'google-oauth-client-secret',
    provider: 'google',
    name: 'Google OAuth client secret',
    format:
      '`GOCSPX-` + 28 base64url characters; legacy secrets: 24 base64url characters within 600 characters after a `….apps.googleusercontent.com` client id',
    checks: [BOUNDARY, NOT_FAKE, 'legacy form: letters of both cases and digits, random-looking'],
    confidence: '0.9 (`GOCSPX-`); 0.7 (legacy, paired with a client id)',
    priority: 3,
    source: 'https://developers.google.com/identity/protocols/oauth2',
  },
  {
    id: 'google-oauth-access-token',
    provider: 'google',
    name: 'Google OAuth access token',
    format: '`ya29.` + 30 or more base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.8',
    priority: 3,
    source: 'https://developers.google.com/identity/protocols/oauth2',
  },
  {
    id: 'google-oauth-refresh-token',
    provider: 'google',
    name: 'Google OAuth refresh token',
    format: '`1//0` + 40 or more base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.8',
    priority: 3,
    source: 'https://developers.google.com/identity/protocols/oauth2',
  },
  {
    id: 'npm-token',
    provider: 'npm',
    name: 'npm access token',
    format: '`npm_` + 30 base62 characters + 6-character base62 CRC-32',
    checks: [BOUNDARY, 'CRC-32 checksum verified'],
    confidence: '1.0; dropped when the checksum fails',
    priority: 3,
    source: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
  },
  {
    id: 'pypi-token',
    provider: 'pypi',
    name: 'PyPI API token',
    format:
      '`pypi-AgEIcHlwaS5vcmc` (pypi.org) or `pypi-AgENdGVzdC5weXBpLm9yZw` (test.pypi.org) + 50 or more base64url characters',
    checks: [BOUNDARY, 'the macaroon header naming the index is part of the prefix'],
    confidence: '0.95',
    priority: 3,
    source: 'https://pypi.org/help/#apitoken',
  },
  {
    id: 'twilio-sid',
    provider: 'twilio',
    name: 'Twilio API key SID (`SK`) and account SID (`AC`)',
    format: '`SK` or `AC` + 32 hex digits of one case',
    checks: [
      BOUNDARY,
      'hex entropy of a random string',
      NOT_FAKE,
      'the word `twilio` within 300 characters raises confidence',
    ],
    confidence:
      'with Twilio context: 0.9 (SK), 0.7 (AC); without: 0.6 (SK), 0.5 (AC, an identifier that pairs with a secret)',
    priority: 3,
    source: 'https://www.twilio.com/docs/glossary/what-is-a-sid',
  },
  {
    id: 'sendgrid-api-key',
    provider: 'sendgrid',
    name: 'SendGrid API key',
    format: '`SG.` + 22 base64url + `.` + 43 base64url',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.95',
    priority: 3,
    source: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  },
  {
    id: 'huggingface-token',
    provider: 'huggingface',
    name: 'Hugging Face user access / organisation token',
    format: '`hf_` (or `api_org_`) + 34 letters',
    checks: [BOUNDARY, 'letters only, both cases', NOT_FAKE],
    confidence: '0.9',
    priority: 3,
    source: 'https://huggingface.co/docs/hub/security-tokens',
  },
  {
    id: 'gitlab-token',
    provider: 'gitlab',
    name: 'GitLab tokens (personal/project/group access, OAuth secret, deploy, runner, CI job, trigger, feed, mail, agent, SCIM, feature flag, workspace)',
    format:
      '`glpat-`, `gloas-`, `gldt-`, `glrt-`, `glrtr-`, `glcbt-`, `glptt-`, `glft-`, `glimt-`, `glagent-`, `glsoat-`, `glffct-`, `glwt-`, `GR1348941` + 20 or more base64url characters (routable tokens may add `.`-separated parts)',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.9',
    priority: 3,
    source: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
  },
  {
    id: 'jwt',
    provider: 'jwt',
    name: 'JSON Web Token (JWS compact serialisation)',
    format: 'three base64url parts separated by `.`, starting `eyJ`',
    checks: [
      'header decodes to a JSON object with a string `alg`',
      'payload decodes to a JSON object',
      'a signature of 16 or more characters unless `alg` is `none`',
      'signature not an example',
    ],
    confidence: '0.9 signed; 0.5 unsigned (`alg: none`)',
    priority: 2,
    source: 'https://www.rfc-editor.org/rfc/rfc7519',
  },
  {
    id: 'private-key',
    provider: 'private-key',
    name: 'PEM, OpenSSH and PGP private keys; base64 DER private keys without armour',
    format:
      '`-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY-----` or `-----BEGIN PGP PRIVATE KEY BLOCK-----` … `-----END …-----`; or 64+ base64 characters decoding to a DER private key',
    checks: [
      'a known label',
      'a matching END line before any other BEGIN',
      'a base64 body (escaped `\\n`, quotes and comment leaders are skipped): DER (`M…`) for PKCS#1/#8/SEC1, `openssh-key-v1` magic for OpenSSH, 200+ random base64 characters for PGP',
      'no ellipsis in the body',
      'unarmoured base64: the DER header of a private key (SEQUENCE, INTEGER version 0/1, then INTEGER, SEQUENCE or OCTET STRING), which public keys, certificates and encrypted PKCS#8 do not have',
    ],
    confidence:
      '0.95 with the format magic; 0.85 PGP; 0.6 other random bodies; 0.4 encrypted keys (reported, below the reporting threshold)',
    priority: 3,
    source: 'https://www.rfc-editor.org/rfc/rfc7468',
  },
  {
    id: 'private-key-der',
    provider: 'private-key',
    name: 'Base64 DER private key without PEM armour',
    format: '64+ base64 characters starting `MI`/`MH`/`MG` that decode to a DER private key',
    checks: [
      BOUNDARY,
      'DER header of a private key: SEQUENCE, INTEGER version 0/1, then INTEGER (PKCS#1), SEQUENCE (PKCS#8) or OCTET STRING (SEC1); public keys, certificates and encrypted PKCS#8 differ',
      'random-looking body',
    ],
    confidence: '0.85; a PEM block around it wins the overlap',
    priority: 2,
    source: 'https://www.rfc-editor.org/rfc/rfc5208',
  },
  {
    id: 'telegram-bot-token',
    provider: 'telegram',
    name: 'Telegram bot token',
    format: '8-10 digit bot id + `:AA` + 33 base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.85',
    priority: 3,
    source: 'https://core.telegram.org/bots/api#authorizing-your-bot',
  },
  {
    id: 'terraform-token',
    provider: 'hashicorp',
    name: 'HashiCorp Terraform Cloud / Enterprise API token',
    format: '14 alphanumerics + `.atlasv1.` + 60-70 base64url characters',
    checks: [BOUNDARY, NOT_FAKE],
    confidence: '0.85',
    priority: 3,
    source: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
  },
  {
    id: 'database-url',
    provider: 'database-url',
    name: 'Database and broker connection URL with a password',
    format:
      '`postgres(ql)://`, `mysql://`, `mariadb://`, `mongodb(+srv)://`, `redis(s)://`, `amqp(s)://`, `mssql://`, `sqlserver://`, `clickhouse://`, `neo4j(+s)://`, `bolt://`, `nats://`, `mqtt(s)://`, `kafka://`, `couchdb://`, `cassandra://`, `oracle://`, `snowflake://`, `cockroachdb://` with `user:password@host`',
    checks: [
      'userinfo ends at the last `@` before the path; the password is the part after the first `:`',
      'not a placeholder or default (`password`, `****`, `<password>`, a `$VAR` or braces template, `admin`, …) and not equal to the user name',
      'a host after `@`',
    ],
    confidence: '0.9; the span is the password only',
    priority: 2,
    source: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
  },
  {
    id: 'url-credentials',
    provider: 'url-credentials',
    name: 'Any other URL with `user:password@`',
    format: '`<scheme>://user:password@host`',
    checks: ['as for database URLs'],
    confidence: '0.8; the span is the password only',
    priority: 2,
    source: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
  },
  {
    id: 'password-assignment',
    provider: 'password',
    name: 'Password in an assignment',
    format:
      'a key naming a password (`password`, `passwd`, `pwd`, `pass`, `pw`, `passphrase`, …; any case, any `_`/`-`/`.`/camelCase compound) followed by `=`, `:`, `:=`, `=>`, `==`, `!=`, a space before a quoted literal, `(`, or an XML element `<password>`; also `--password <value>` flags and SQL `IDENTIFIED BY`',
    checks: [
      'quoted value of 4+ characters or bare value of 6+ characters with two character kinds',
      'not a placeholder, template, environment or secret-store reference, identifier, type name, call or path',
      'not a sentence (at most one space)',
    ],
    confidence: "0.5-0.8 by the value's length and character variety",
    priority: 1,
    source: 'https://cwe.mitre.org/data/definitions/798.html',
  },
  {
    id: 'secret-assignment',
    provider: 'generic',
    name: 'Secret, token or API key in an assignment',
    format:
      'a key naming a secret (`secret`, `token`, `api_key`/`apiKey`, `access_key`, `private_key`, `client_secret`, `auth_token`, `credential`, …) followed by a separator as for passwords',
    checks: ['as for passwords, and 8+ characters with two character kinds or a random-looking value'],
    confidence: "0.55-0.8 by the value's length, variety and entropy",
    priority: 1,
    source: 'https://cwe.mitre.org/data/definitions/798.html',
  },
  {
    id: 'high-entropy',
    provider: 'high-entropy',
    name: 'High-entropy string near a key word',
    format: '20-256 base64/base64url characters or 32+ hex digits on a line that names a secret',
    checks: [
      'Shannon entropy within 0.55 bit of a random string of the same length and alphabet',
      'letters of both cases and digits (base64) or hex',
      'a key word (`key`, `secret`, `token`, `password`, `auth`, `bearer`, `credential`, `api`, `signature`, `private`) earlier on the line',
      'not a UUID, a bare hex digest of 32/40/64/128 digits, a data: URI, a path or URL segment, an identifier or a word',
      NOT_FAKE,
    ],
    confidence: '0.55-0.7 by entropy margin and length',
    priority: 0,
    source: 'https://en.wikipedia.org/wiki/Entropy_(information_theory)',
  },
];

/** Names of the character classes used by prefixed formats. */
function alphabetName(mask: number): string {
  if (mask === HEX) return 'hex';
  if (mask === DIGIT) return 'digits';
  if (mask === ALNUM) return 'alphanumerics';
  if (mask === (UPPER | DIGIT)) return 'upper-case alphanumerics';
  if (mask === (LOWER | DIGIT)) return 'lower-case alphanumerics';
  if (mask === BASE64URL) return 'base64url';
  return 'base64';
}

function describeSegment(segment: Segment): string {
  if (typeof segment === 'string') return `\`${segment}\``;
  const [mask, min, max] = segment;
  return `${min === max ? min : `${min}-${max}`} ${alphabetName(mask)}`;
}

function prefixedSpec(format: PrefixedFormat & { readonly id: DetectorId }): ProviderSpec {
  return {
    id: format.id,
    provider: format.provider,
    name: format.name,
    format: `${format.prefixes.map((p) => `\`${p}\``).join(', ')} + ${format.body.map(describeSegment).join(' ')}`,
    checks:
      format.check === 'grafana-crc32'
        ? [BOUNDARY, 'CRC-32 of the token before the last `_`, little-endian hex, verified']
        : [BOUNDARY, 'the documented alphabet and length of each part', NOT_FAKE],
    confidence: String(format.confidence),
    priority: 3,
    source: format.source,
  };
}

/**
 * Every detector: the formats the brief names (with their checks), the generic detectors, and the
 * further prefixed provider formats of `PREFIXED_FORMATS`.
 */
export const PROVIDERS: readonly ProviderSpec[] = [...CORE_PROVIDERS, ...PREFIXED_FORMATS.map(prefixedSpec)];

const BY_ID: ReadonlyMap<DetectorId, ProviderSpec> = new Map(PROVIDERS.map((p) => [p.id, p]));

export function providerOf(id: DetectorId): ProviderSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`no provider row for detector ${id}`);
  return spec;
}
