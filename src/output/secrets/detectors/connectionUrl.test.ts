import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../detectSecrets.js';

function passwordOf(text: string) {
  const matches = detectSecrets(text, { minConfidence: 0.5 });
  return matches.map((m) => [m.type, text.slice(m.start, m.end)]);
}

describe('connection URLs', () => {
  it.each([
    ['postgres://app:S3cr3t-Pa55@db.internal:5432/app', 'S3cr3t-Pa55'],
    ['postgresql://app:v9Lq2x7Rm@10.0.0.5/app?sslmode=require', 'v9Lq2x7Rm'],
    ['mysql://root:Tq8!zR2w@localhost:3306/shop', 'Tq8!zR2w'],
    ['mongodb+srv://svc:Hk28vQz1LmPw@cluster0.ab1cd.mongodb.net/prod', 'Hk28vQz1LmPw'],
    ['redis://:Rk7Pq2Lw9x@cache:6379/0', 'Rk7Pq2Lw9x'],
    ['rediss://default:Rk7Pq2Lw9x@cache:6380', 'Rk7Pq2Lw9x'],
    ['amqps://worker:Bz3Wx8Qp@broker.local/vhost', 'Bz3Wx8Qp'],
    ['jdbc:postgresql://ops:Zx9Vb2Nm@db/ops', 'Zx9Vb2Nm'],
  ])('reports only the password of %s', (url, password) => {
    expect(passwordOf(`DATABASE_URL="${url}"`)).toEqual([['secret:database-url', password]]);
  });

  it('reports other schemes as url-credentials, with unencoded @ in the user name', () => {
    expect(passwordOf('smtps://example@gmail.com:FnD83JZs@smtp.gmail.com:465')).toEqual([
      ['secret:url-credentials', 'FnD83JZs'],
    ]);
    expect(passwordOf('https://deploy:Gw7Kp2Qx9@git.example.org/repo.git')).toEqual([
      ['secret:url-credentials', 'Gw7Kp2Qx9'],
    ]);
  });

  it.each([
    'postgres://user:password@localhost/db',
    'postgres://user:****@localhost/db',
    'postgres://user:<password>@localhost/db',
    `postgres://user:\${DB_PASSWORD}@localhost/db`,
    'postgres://user:$DB_PASSWORD@localhost/db',
    'postgres://user:%(password)s@localhost/db',
    'postgres://user:{{ db_password }}@localhost/db',
    'amqp://guest:guest@localhost:5672/',
    'postgres://admin:admin@localhost/db',
    'postgres://user:changeme@localhost/db',
    'mongodb://localhost:27017/test',
    'https://example.com/path?user=a:b',
    'mailto:someone@example.com',
    'postgres://user@host/db',
  ])('ignores %s', (url) => {
    expect(passwordOf(url)).toEqual([]);
  });
});
