import { isIn, LOWER, lowerCode, UPPER } from '../chars.js';

/** What a configuration key names, judged from its words. */
export type KeyKind = 'password' | 'secret';

/** Words that name a password, including common abbreviations and misspellings. */
const PASSWORD_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwords',
  'passwd',
  'passwort',
  'passphrase',
  'passcode',
  'pass',
  'pwd',
  'pw',
  'pswd',
  'psswd',
  'pswrd',
  'psword',
  'psswrd',
  'pssword',
  'paswd',
  'paswrd',
  'pasword',
]);

/** Words that name a secret, token or key on their own. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
  'creds',
  'bearer',
  'privatekey',
  'secretkey',
  'accesskey',
  'apisecret',
  'clientsecret',
  'authtoken',
  'accesstoken',
  'authorization',
  'authentication',
  'auth',
]);

/** A word anywhere in the key that says the value is not the secret itself (`hashed_secret`, `encrypted_password`). */
const NON_SECRET_ANY: ReadonlySet<string> = new Set([
  'hash',
  'hashed',
  'digest',
  'checksum',
  'fingerprint',
  'encrypted',
  'md5',
  'sha1',
  'sha256',
  'nonce',
  'salt',
  'public',
  'publishable',
  'pub',
]);

/** Words ending in `pass` that are not passwords. */
const NOT_PASS: ReadonlySet<string> = new Set([
  'bypass',
  'compass',
  'overpass',
  'surpass',
  'trespass',
  'underpass',
  'encompass',
]);

/** Words that make the next word `key` a secret (`api key`, `access_key`, `signingKey`). */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api',
  'access',
  'private',
  'secret',
  'signing',
  'encryption',
  'master',
  'client',
  'app',
  'consumer',
  'account',
  'auth',
  'license',
  'session',
  'shared',
  'webhook',
  'subscription',
  'hmac',
  'storage',
]);

/** A last word that makes the key describe a secret instead of holding one (`password_length`, `tokenUrl`). */
const NON_SECRET_LAST: ReadonlySet<string> = new Set([
  'id',
  'ids',
  'name',
  'names',
  'type',
  'types',
  'kind',
  'length',
  'len',
  'size',
  'count',
  'file',
  'filename',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'host',
  'header',
  'field',
  'label',
  'prompt',
  'hint',
  'policy',
  'min',
  'max',
  'expiry',
  'expires',
  'expiration',
  'ttl',
  'prefix',
  'suffix',
  'format',
  'pattern',
  'regex',
  'mode',
  'env',
  'var',
  'required',
  'enabled',
  'disabled',
  'placeholder',
  'input',
  'column',
  'param',
  'rule',
  'rules',
  'reset',
  'strength',
  'hash',
  'hashed',
  'digest',
  'validator',
  'validation',
  'error',
  'errors',
  'message',
  'text',
  'title',
  'description',
  'help',
  'option',
  'options',
  'config',
  'settings',
  'provider',
  'store',
  'manager',
  'service',
  'schema',
  'version',
  'method',
  'algorithm',
  'usage',
  'limit',
  'index',
  'source',
  'ref',
  'location',
  'budget',
  'estimate',
  'cost',
  'kinds',
  'class',
  'detector',
  'category',
  'pos',
  'start',
  'end',
  'offset',
  'span',
]);

/** A first word that turns the key into a flag or a counter (`isSecret`, `showPassword`, `maxTokens`). */
const NON_SECRET_FIRST: ReadonlySet<string> = new Set([
  'is',
  'has',
  'use',
  'show',
  'hide',
  'enable',
  'disable',
  'require',
  'allow',
  'num',
  'max',
  'min',
  'total',
  'no',
  'get',
  'set',
  'on',
  'handle',
  'validate',
  'check',
  'to',
  'from',
  'parse',
  'redact',
  'mask',
]);

/** The lower-cased words of an identifier: split at non-alphanumerics and camelCase humps. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const letter = isIn(code, UPPER | LOWER);
    const digit = code >= 48 && code <= 57;
    if (!letter && !digit) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    const upper = isIn(code, UPPER);
    const prev = i > 0 ? key.charCodeAt(i - 1) : 0;
    const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
    // Start a new word at aB and at the last capital of ABc.
    if (current && upper && (isIn(prev, LOWER) || (isIn(prev, UPPER) && isIn(next, LOWER)))) {
      words.push(current);
      current = '';
    }
    current += String.fromCharCode(lowerCode(code));
  }
  if (current) words.push(current);
  return words;
}

/**
 * Substrings one of which every credential-naming key contains: each word `classifyKey` accepts
 * is in PASSWORD_WORDS or SECRET_WORDS, or ends in one of these suffixes, or is `key`, and each
 * word is a substring of the lower-cased key. Checking them first spares splitting every word of
 * ordinary prose into key words.
 */
const CREDENTIAL_NEEDLES: readonly string[] = (() => {
  const all = [
    ...PASSWORD_WORDS,
    ...SECRET_WORDS,
    'password',
    'passwd',
    'pass',
    'pw',
    'secret',
    'token',
    'key',
  ];
  // A needle that contains another needle adds nothing.
  return [...new Set(all)].filter((n) => !all.some((m) => m !== n && n.includes(m)));
})();

export function mayNameCredential(key: string): boolean {
  const lower = key.toLowerCase();
  for (const needle of CREDENTIAL_NEEDLES) if (lower.includes(needle)) return true;
  return false;
}

/** Whether a key names a password, another secret, or neither. */
export function classifyKey(key: string): KeyKind | undefined {
  return mayNameCredential(key) ? classifyKeyWords(key) : undefined;
}

/** `classifyKey` without the substring pre-filter (exported for the test that holds them equal). */
export function classifyKeyWords(key: string): KeyKind | undefined {
  const words = keyWords(key);
  if (words.length === 0 || words.length > 8) return undefined;
  const last = words[words.length - 1]!;
  if (NON_SECRET_LAST.has(last) || NON_SECRET_FIRST.has(words[0]!)) return undefined;
  if (words.some((word) => NON_SECRET_ANY.has(word))) return undefined;
  let kind: KeyKind | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (
      PASSWORD_WORDS.has(word) ||
      word.endsWith('password') ||
      word.endsWith('passwd') ||
      (word.length >= 6 && word.endsWith('pass') && !NOT_PASS.has(word)) ||
      (word.length <= 4 && word.endsWith('pw'))
    ) {
      return 'password';
    }
    if (SECRET_WORDS.has(word) || word.endsWith('secret') || word.endsWith('token')) kind = 'secret';
    if (word === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) kind = 'secret';
  }
  return kind;
}

/** True for a key that is a bare credential word (`PASSWORD`, `secret`), for the `PASSWORD('x')` form. */
export function isBareCredentialWord(key: string): boolean {
  const words = keyWords(key);
  return words.length === 1 && (PASSWORD_WORDS.has(words[0]!) || words[0] === 'secret');
}
