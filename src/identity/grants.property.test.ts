import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MaestroError } from '../errors/index.js';
import { GRANT_BUDGET_KEYS, type Grant, isWithin } from './grant.js';
import { createGrantAuthority, GRANT_TOKEN_TYPE } from './grantAuthority.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const TOOLS = ['kb.search', 'crm.note', 'crm.update', 'payments.refund', 'files.delete'];
const TENANTS = ['acme', 'globex', 'initech'];

const keyPair = generateKeyPairSync('ed25519');
const privateKeyPem = keyPair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const subset = (values: readonly string[]) => fc.subarray([...values], { minLength: 1 });
const budget = fc.record(
  {
    maxToolCalls: fc.integer({ min: 1, max: 50 }),
    maxCost: fc.integer({ min: 0, max: 500 }),
    maxSteps: fc.integer({ min: 1, max: 50 }),
    maxWallMs: fc.integer({ min: 1, max: 600_000 }),
  },
  { requiredKeys: [] },
);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof MaestroError ? error.code : 'foreign';
  }
}

describe('delegation grants: a sub-grant is never wider than its parent', () => {
  it('property: delegate either refuses (ERR_GRANT_DENIED) or yields a verified grant within the parent', async () => {
    const authority = createGrantAuthority({ privateKeyPem, clock: () => T0 });
    await fc.assert(
      fc.asyncProperty(
        subset(TOOLS),
        subset(TENANTS),
        budget,
        fc.integer({ min: 60, max: 900 }),
        subset(TOOLS),
        subset(TENANTS),
        budget,
        fc.integer({ min: 1, max: 900 }),
        async (tools, tenants, parentBudget, parentTtl, childTools, childTenants, childBudget, childTtl) => {
          const parentToken = await authority.issue({
            issuer: 'user:ops',
            subject: 'agent:parent',
            tools,
            tenants,
            budget: parentBudget,
            ttlSeconds: parentTtl,
          });
          const parent = await authority.verify(parentToken);
          let childToken: string;
          try {
            childToken = await authority.delegate(parentToken, {
              subject: 'agent:child',
              tools: childTools,
              tenants: childTenants,
              budget: childBudget,
              ttlSeconds: childTtl,
            });
          } catch (error) {
            expect(error).toBeInstanceOf(MaestroError);
            expect((error as MaestroError).code).toBe('ERR_GRANT_DENIED');
            // It refused because the request really was wider.
            const wider =
              childTools.some((t) => !tools.includes(t)) ||
              childTenants.some((t) => !tenants.includes(t)) ||
              GRANT_BUDGET_KEYS.some(
                (k) =>
                  parentBudget[k] !== undefined &&
                  childBudget[k] !== undefined &&
                  childBudget[k] > (parentBudget[k] as number),
              );
            expect(wider).toBe(true);
            return;
          }
          const child = await authority.verify(childToken);
          expect(isWithin(child, parent)).toBe(true);
          expect(child.expiresAt).toBeLessThanOrEqual(parent.expiresAt);
          expect(child.chain).toEqual([{ subject: 'agent:parent', grantId: parent.id }]);
          expect(child.issuer).toBe('agent:parent');
        },
      ),
      { numRuns: 80 },
    );
  });

  it('property: a child forged wider than its parent in any one dimension, signed with a trusted key, is refused by verify', async () => {
    const authority = createGrantAuthority({ privateKeyPem, clock: () => T0 });
    const parentToken = await authority.issue({
      issuer: 'user:ops',
      subject: 'agent:parent',
      tools: ['kb.search', 'crm.note'],
      tenants: ['acme'],
      budget: { maxToolCalls: 5, maxCost: 10, maxSteps: 5, maxWallMs: 60_000 },
      ttlSeconds: 300,
    });
    const parent = await authority.verify(parentToken);
    const iat = Math.floor(T0 / 1000);
    const base = {
      tools: ['kb.search'],
      tenants: ['acme'],
      budget: { maxToolCalls: 5, maxCost: 10, maxSteps: 5, maxWallMs: 60_000 },
      exp: iat + 100,
    };
    const widenings: Array<(c: typeof base) => typeof base> = [
      (c) => ({ ...c, tools: [...c.tools, 'payments.refund'] }),
      (c) => ({ ...c, tenants: [...c.tenants, 'globex'] }),
      (c) => ({ ...c, budget: { ...c.budget, maxToolCalls: 6 } }),
      (c) => ({ ...c, budget: { ...c.budget, maxCost: 11 } }),
      (c) => {
        const { maxSteps: _dropped, ...rest } = c.budget;
        return { ...c, budget: rest as typeof c.budget };
      },
      (c) => ({ ...c, budget: { ...c.budget, maxWallMs: 60_001 } }),
      (c) => ({ ...c, exp: parent.expiresAt + 1 }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: widenings.length - 1 }), async (which) => {
        const claims = (widenings[which] as (c: typeof base) => typeof base)(base);
        const forged = await new SignJWT({
          tools: claims.tools,
          tenants: claims.tenants,
          budget: claims.budget,
          act: { sub: 'agent:parent' },
          parent: parentToken,
        })
          .setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })
          .setIssuer('agent:parent')
          .setSubject('agent:child')
          .setJti(`forged-${which}`)
          .setIssuedAt(iat)
          .setNotBefore(iat)
          .setExpirationTime(claims.exp)
          .sign(keyPair.privateKey);
        expect(await codeOf(authority.verify(forged))).toBe('ERR_GRANT_INVALID');
      }),
      { numRuns: 30 },
    );
    // The same construction without a widening verifies: the refusals above are about width.
    const honest = await new SignJWT({
      ...base,
      act: { sub: 'agent:parent' },
      parent: parentToken,
      exp: undefined,
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: GRANT_TOKEN_TYPE, kid: authority.keyId })
      .setIssuer('agent:parent')
      .setSubject('agent:child')
      .setJti('honest')
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(base.exp)
      .sign(keyPair.privateKey);
    expect(await codeOf(authority.verify(honest))).toBe('ok');
  });

  it('property: isWithin is reflexive and transitive', () => {
    const grant = fc.record({
      tools: subset(TOOLS),
      tenants: subset(TENANTS),
      budget,
      expiresAt: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(grant, grant, grant, (a, b, c) => {
        expect(
          isWithin(
            a as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
            a as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
          ),
        ).toBe(true);
        if (
          isWithin(
            a as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
            b as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
          ) &&
          isWithin(
            b as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
            c as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
          )
        )
          expect(
            isWithin(
              a as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
              c as Pick<Grant, 'tools' | 'tenants' | 'budget' | 'expiresAt'>,
            ),
          ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
