import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../config/gatewaySettings.js';
import { type RunningGateway, startGateway } from '../startGateway.js';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'maestro-gateway';
let jwksServer: Server;
let jwksUrl: string;
let gateway: RunningGateway;
const dir = mkdtempSync(join(tmpdir(), 'maestro-oidc-'));
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let signingKey: PrivateKey;
let otherKey: PrivateKey;

async function token(
  claims: Record<string, unknown>,
  options: { key?: PrivateKey; exp?: string | number; aud?: string; iss?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setSubject('alice')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? signingKey);
}

async function status(
  bearer: string,
  method = 'GET',
  path = '/v1/events',
): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify({ principal: 'agent:new', role: 'agent' }) } : {}),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, ...(body.error === undefined ? {} : { code: body.error.code }) };
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  gateway = await startGateway({
    settings: {
      ...settingsFromEnv({ MAESTRO_DATA_DIR: dir }),
      port: 0,
      oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, clockToleranceSec: 5 },
    },
    env: {},
    print: () => undefined,
  });
});
afterAll(async () => {
  await gateway?.close();
  await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway: IdP tokens (OIDC, C4)', () => {
  it('accepts a valid token and scopes the request to the tenant in its claims', async () => {
    expect(await status(await token({ tenant: 'acme', maestro_role: 'reader' }))).toEqual({ status: 200 });
  });

  it('refuses expired tokens, another audience or issuer, another signing key, and a token without a tenant', async () => {
    const bad = [
      await token({ tenant: 'acme' }, { exp: Math.floor(Date.now() / 1000) - 120 }),
      await token({ tenant: 'acme' }, { aud: 'someone-else' }),
      await token({ tenant: 'acme' }, { iss: 'https://evil.example.test/' }),
      await token({ tenant: 'acme' }, { key: otherKey }),
      await token({}),
      `${(await token({ tenant: 'acme' })).split('.').slice(0, 2).join('.')}.`,
    ];
    for (const bearer of bad)
      expect(await status(bearer)).toEqual({ status: 401, code: 'ERR_UNAUTHENTICATED' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: 'k1' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: ISSUER,
        aud: AUDIENCE,
        sub: 'alice',
        tenant: 'acme',
        maestro_role: 'admin',
        exp: Math.floor(Date.now() / 1000) + 300,
      }),
    ).toString('base64url');
    expect(await status(`${header}.${payload}.`)).toEqual({ status: 401, code: 'ERR_UNAUTHENTICATED' });
  });

  it('lets an admin manage keys only with a second factor in amr', async () => {
    const noMfa = await token({ tenant: 'acme', maestro_role: 'admin', amr: ['pwd'] });
    expect(await status(noMfa, 'POST', '/v1/keys')).toEqual({ status: 403, code: 'ERR_FORBIDDEN' });
    const mfa = await token({ tenant: 'acme', maestro_role: 'admin', amr: ['pwd', 'otp'] });
    expect(await status(mfa, 'POST', '/v1/keys')).toEqual({ status: 201 });
    const reader = await token({ tenant: 'acme', maestro_role: 'reader', amr: ['otp'] });
    expect(await status(reader, 'POST', '/v1/keys')).toEqual({ status: 403, code: 'ERR_FORBIDDEN' });
  });
});
