import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { checkGrant } from './grant.js';
import { createGrantAuthority, GRANT_TOKEN_TYPE } from './grantAuthority.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function clockAt(start = T0) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { advance: (ms: number) => (now += ms) });
}

async function failure(promise: Promise<unknown>): Promise<MaestroError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MaestroError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const rootRequest = {
  issuer: 'user:ops',
  subject: 'agent:orchestrator',
  tenants: ['acme'],
  tools: ['kb.search', 'crm.note'],
  budget: { maxToolCalls: 10 },
  ttlSeconds: 300,
};

describe('grant authority', () => {
  it('expires grants by its clock; a child never outlives its parent; a token not valid yet is refused', async () => {
    const clock = clockAt();
    const authority = createGrantAuthority({ clock });
    const root = await authority.issue(rootRequest);
    const child = await authority.delegate(root, {
      subject: 'agent:a',
      tenants: ['acme'],
      tools: ['kb.search'],
      ttlSeconds: 900,
    });
    expect((await authority.verify(child)).expiresAt).toBe((await authority.verify(root)).expiresAt);
    clock.advance(299_000);
    await expect(authority.verify(child)).resolves.toBeDefined();
    clock.advance(2_000);
    expect((await failure(authority.verify(root))).code).toBe('ERR_GRANT_INVALID');
    expect((await failure(authority.verify(child))).message).toContain('expired');
    const early = createGrantAuthority({ clock: () => T0 + 3_600_000, privateKeyPem: undefined });
    const future = await early.issue(rootRequest);
    const now = createGrantAuthority({ clock: () => T0, trustedKeys: [early.publicKeyPem] });
    expect((await failure(now.verify(future))).code).toBe('ERR_GRANT_INVALID');
  });

  it('refuses tampered, unsigned, HMAC-forged, mistyped, oversized and too deep tokens', async () => {
    const authority = createGrantAuthority({ clock: () => T0, maxDepth: 2 });
    const root = await authority.issue(rootRequest);
    const [header, payload, signature] = root.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const edited = Buffer.from(
      JSON.stringify({ ...claims, tools: [...(claims.tools as string[]), 'payments.refund'] }),
    ).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })).toString('base64url')}.${payload}.`;
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })
      .sign(new TextEncoder().encode(authority.publicKeyPem));
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const untrusted = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })
      .sign(otherKey);
    const mistyped = await createGrantAuthority({ clock: () => T0 })
      .issue(rootRequest)
      .then((t) => t); // other key
    const wrongTyp = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: authority.keyId })).toString('base64url')}.${payload}.${signature}`;
    const cases = [
      `${header}.${edited}.${signature}`,
      none,
      hmac,
      untrusted,
      mistyped,
      wrongTyp,
      'x'.repeat(20_000),
      'not.a.jwt',
      '',
    ];
    for (const token of cases) {
      const error = await failure(authority.verify(token));
      expect(error.code).toBe('ERR_GRANT_INVALID');
      // Nothing of the token comes back to the caller.
      expect(JSON.stringify(error.toJSON())).not.toContain(payload.slice(0, 24));
      expect(JSON.stringify(error.toJSON())).not.toMatch(/at .*\.ts:\d+/);
    }
    const one = await authority.delegate(root, {
      subject: 'agent:b',
      tenants: ['acme'],
      tools: ['kb.search'],
      ttlSeconds: 60,
    });
    const two = await authority.delegate(one, {
      subject: 'agent:c',
      tenants: ['acme'],
      tools: ['kb.search'],
      ttlSeconds: 60,
    });
    expect((await authority.verify(two)).chain.map((l) => l.subject)).toEqual([
      'agent:orchestrator',
      'agent:b',
    ]);
    expect(
      (
        await failure(
          authority.delegate(two, {
            subject: 'agent:d',
            tenants: ['acme'],
            tools: ['kb.search'],
            ttlSeconds: 60,
          }),
        )
      ).code,
    ).toBe('ERR_GRANT_DENIED');
  });

  it('refuses a child whose embedded parent was swapped, or whose act chain lies', async () => {
    const keys = generateKeyPairSync('ed25519');
    const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const authority = createGrantAuthority({ clock: () => T0, privateKeyPem });
    const rootA = await authority.issue(rootRequest);
    const rootB = await authority.issue({ ...rootRequest, subject: 'agent:other' });
    const iat = Math.floor(T0 / 1000);
    const forge = (act: unknown, parent: string, iss: string) =>
      new SignJWT({ tools: ['kb.search'], tenants: ['acme'], budget: { maxToolCalls: 10 }, act, parent })
        .setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })
        .setIssuer(iss)
        .setSubject('agent:child')
        .setJti('forged')
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + 60)
        .sign(keys.privateKey);
    expect(
      (await authority.verify(await forge({ sub: 'agent:orchestrator' }, rootA, 'agent:orchestrator')))
        .subject,
    ).toBe('agent:child');
    expect(
      (
        await failure(
          authority.verify(await forge({ sub: 'agent:orchestrator' }, rootB, 'agent:orchestrator')),
        )
      ).code,
    ).toBe('ERR_GRANT_INVALID');
    expect(
      (await failure(authority.verify(await forge({ sub: 'agent:ceo' }, rootA, 'agent:orchestrator')))).code,
    ).toBe('ERR_GRANT_INVALID');
    expect((await failure(authority.verify(await forge(undefined, rootA, 'agent:orchestrator')))).code).toBe(
      'ERR_GRANT_INVALID',
    );
  });

  it('verifies in another process with the public key alone, and not without it', async () => {
    const issuer = createGrantAuthority({ clock: () => T0 });
    const token = await issuer.delegate(await issuer.issue(rootRequest), {
      subject: 'agent:a',
      tenants: ['acme'],
      tools: ['crm.note'],
      ttlSeconds: 60,
    });
    const elsewhere = createGrantAuthority({ clock: () => T0, trustedKeys: [issuer.publicKeyPem] });
    expect((await elsewhere.verify(token)).tools).toEqual(['crm.note']);
    const stranger = createGrantAuthority({ clock: () => T0 });
    expect((await failure(stranger.verify(token))).code).toBe('ERR_GRANT_INVALID');
  });

  it('checkGrant covers exactly the grant’s tools and tenants until it expires', async () => {
    const authority = createGrantAuthority({ clock: () => T0 });
    const grant = await authority.verify(await authority.issue(rootRequest));
    expect(checkGrant(grant, { tool: 'kb.search', tenantId: 'acme', clock: () => T0 })).toEqual({ ok: true });
    expect(checkGrant(grant, { tool: 'files.delete', tenantId: 'acme', clock: () => T0 })).toEqual({
      ok: false,
      reason: 'tool',
    });
    expect(checkGrant(grant, { tool: 'kb.search', tenantId: 'globex', clock: () => T0 })).toEqual({
      ok: false,
      reason: 'tenant',
    });
    expect(checkGrant(grant, { tool: 'kb.search', tenantId: 'acme', clock: () => T0 + 301_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a grant request that lives longer than the authority allows, and bad options', async () => {
    const authority = createGrantAuthority({ clock: () => T0, maxLifetimeSeconds: 60 });
    expect((await failure(authority.issue({ ...rootRequest, ttlSeconds: 61 }))).code).toBe(
      'ERR_GRANT_DENIED',
    );
    expect(() => createGrantAuthority({ privateKeyPem: 'not a key' })).toThrowError(
      expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }),
    );
  });
});
