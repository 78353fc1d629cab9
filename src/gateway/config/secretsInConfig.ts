import { scanOutput } from '../../output/index.js';

/** Key names that hold secrets, and the environment variable each belongs in. */
const KNOWN: Readonly<Record<string, string>> = {
  bootstrapkey: 'MAESTRO_BOOTSTRAP_KEY',
  redactionkey: 'MAESTRO_REDACTION_KEY',
  apikey: 'MAESTRO_UPSTREAM_API_KEY',
  databaseurl: 'MAESTRO_DATABASE_URL',
  redisurl: 'MAESTRO_REDIS_URL',
};
const SECRET_PARTS = [
  'secret',
  'password',
  'passwd',
  'credential',
  'privatekey',
  'accesskey',
  'authorization',
  'apikey',
];

function secretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  // `bearerTokenEnv` names a variable; it holds no secret.
  if (k.endsWith('env')) return false;
  return (
    k in KNOWN || SECRET_PARTS.some((part) => k.includes(part)) || k.endsWith('token') || k.endsWith('key')
  );
}

function looksLikeCredential(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(value)) return true; // user:password@ in a URL
  const result = scanOutput(value, { pii: false, secrets: true, onSecret: 'redact', maxBytes: 1024 * 1024 });
  return result.findings.some((f) => f.category === 'secret');
}

export interface SecretProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Finds secrets in a parsed configuration file: keys that name one (`apiKey`, `password`,
 * `bootstrapKey`, …) and values that look like a credential (a known token format, a private
 * key, a URL with a password). Secrets come only from the environment; the message names the
 * key and never repeats the value.
 */
export function secretsInConfig(value: unknown, path: (string | number)[] = []): SecretProblem[] {
  if (typeof value === 'string') {
    return looksLikeCredential(value)
      ? [
          {
            path,
            message: 'this value looks like a credential; secrets come only from environment variables',
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => secretsInConfig(item, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    if (secretKey(key)) {
      const env = KNOWN[key.toLowerCase().replace(/[^a-z0-9]/g, '')];
      return [
        {
          path: [...path, key],
          message: `secrets are not read from the configuration file: set ${env ?? 'it in an environment variable'}${env === undefined ? '' : ' in the environment'} instead`,
        },
      ];
    }
    return secretsInConfig(item, [...path, key]);
  });
}
