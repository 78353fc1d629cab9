import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';
import { classifyKey, keyWords } from './keyNames.js';

function values(text: string): [string, string][] {
  return detectSecrets(text, { minConfidence: 0.5 }).map((m) => [m.type, text.slice(m.start, m.end)]);
}

describe('key names', () => {
  it('splits identifiers into words', () => {
    expect(keyWords('AWSSecretAccessKey')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(keyWords('db.password_2')).toEqual(['db', 'password', '2']);
  });

  it('classifies keys', () => {
    expect(classifyKey('DB_PASSWORD')).toBe('password');
    expect(classifyKey('mysqlPass')).toBe('password');
    expect(classifyKey('client_secret')).toBe('secret');
    expect(classifyKey('apiKey')).toBe('secret');
    expect(classifyKey('X-Api-Key')).toBe('secret');
    expect(classifyKey('auth_token')).toBe('secret');
    expect(classifyKey('password_length')).toBeUndefined();
    expect(classifyKey('tokenUrl')).toBeUndefined();
    expect(classifyKey('maxTokens')).toBeUndefined();
    expect(classifyKey('hashed_secret')).toBeUndefined();
    expect(classifyKey('bypass')).toBeUndefined();
    expect(classifyKey('foreign_key_id')).toBeUndefined();
    expect(classifyKey('monkey')).toBeUndefined();
  });
});

describe('assignments', () => {
  it.each([
    ['password=2bkJgtJDiLcq1t', 'secret:password', '2bkJgtJDiLcq1t'],
    ['passwd: "Xr7#pL2q"', 'secret:password', 'Xr7#pL2q'],
    ["  db_password: 'Nq4!vZ8w'", 'secret:password', 'Nq4!vZ8w'],
    ['"password": "Tq8!zR2wLm"', 'secret:password', 'Tq8!zR2wLm'],
    ['\\"password\\": \\"Tq8!zR2wLm\\"', 'secret:password', 'Tq8!zR2wLm'],
    ['secret: Kd82Lq0xPz71', 'secret:generic', 'Kd82Lq0xPz71'],
    ['api_key=V84C7sDU001tFFodKU95', 'secret:generic', 'V84C7sDU001tFFodKU95'],
    ['token: b035d48j9X2dfjF0hb9sd8Guf5hWu2ia', 'secret:generic', 'b035d48j9X2dfjF0hb9sd8Guf5hWu2ia'],
    ['export CLIENT_SECRET="Hy6Wq3Rt9Zm2"', 'secret:generic', 'Hy6Wq3Rt9Zm2'],
    ['val password: String = "exord13Paw64"', 'secret:password', 'exord13Paw64'],
    ['mysql -u root --password Sne3sd8AZjq', 'secret:password', 'Sne3sd8AZjq'],
    ['curl -u "admin:dG9rZW4g" https://x', 'secret:password', 'dG9rZW4g'],
    ["ALTER USER 'u'@'%' IDENTIFIED BY 'SqLpa5sW0rD';", 'secret:password', 'SqLpa5sW0rD'],
    ["CREATE USER foo WITH PASSWORD 'SqLpa5sW0rD';", 'secret:password', 'SqLpa5sW0rD'],
    ['<password>IhqSb1Gg</password>', 'secret:password', 'IhqSb1Gg'],
    [
      'Authorization: Bearer eyJGRpVu1c2VzY2-823r_db32hbf4W1lbj',
      'secret:generic',
      'eyJGRpVu1c2VzY2-823r_db32hbf4W1lbj',
    ],
    [
      'easy_setopt(curl, CURLOPT_PASSWORD, "KiASRCRiGFLPDiIdZZLB");',
      'secret:password',
      'KiASRCRiGFLPDiIdZZLB',
    ],
    ['#define PASSWORD "n84ASM54y4"', 'secret:password', 'n84ASM54y4'],
  ])('reports the value of %s', (text, type, value) => {
    expect(values(text)).toEqual([[type, value]]);
  });

  it.each([
    'password=',
    `password: \${DB_PASSWORD}`,
    'password = os.environ["DB_PASSWORD"]',
    'password: process.env.DB_PASSWORD',
    'password: <your password here>',
    'password: "********"',
    'password: changeme',
    'password: "password123"',
    'api_key: YOUR_API_KEY',
    'token: "GITHUB_TOKEN"',
    'password: string;',
    'token: options.token,',
    'secret = getSecret(name)',
    'password_length = 12345678',
    'max_tokens=4096',
    'password = "abc"',
    'if (password === confirmPassword) {',
    'passengers: ["quickBrown", "lazyDog"]',
    "kind === 'password' ? 'password-assignment' : 'secret-assignment'",
    'secret: "this is a long sentence, not a secret"',
    '"secretKey": "ENC(2dfRFqV/cS6TzRd+JyO=)"',
    'private_key_file = /etc/ssl/private/server.key',
    'password = "0xAb19D82E7f546cC3"',
    'hashed_secret: "513e0a36963ae1e8431c041b744679ee578b7c44"',
    "    * PASSWORD 'literal' in a comment",
  ])('ignores %s', (text) => {
    expect(values(text)).toEqual([]);
  });
});
