import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { invalidOptionsFromZod, MaestroError } from '../../errors/index.js';
import { API_KEY_ROLES, type ApiKeyRole } from './apiKeys.js';

export const oidcSettingsSchema = z.strictObject({
  /** The IdP's issuer URL, exactly as in its tokens' `iss`. */
  issuer: z.string().url(),
  /** The audience tokens must be issued for (`aud`). */
  audience: z.string().min(1).max(256),
  /** Where the IdP publishes its signing keys. */
  jwksUrl: z.string().url(),
  /** Allowed clock skew for exp/nbf/iat, in seconds. */
  clockToleranceSec: z.number().int().min(0).max(300).default(30),
  /** The claim naming the tenant; a token without it is refused. */
  tenantClaim: z.string().min(1).max(64).default('tenant'),
  /** The claim naming the maestro role (admin, agent, approver, reader); default `reader`. */
  roleClaim: z.string().min(1).max(64).default('maestro_role'),
  /** Admin requests need a token whose `amr` says a second factor was used. */
  adminRequiresMfa: z.boolean().default(true),
  /** Accepted signature algorithms. */
  algorithms: z
    .array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA']))
    .min(1)
    .default(['RS256', 'ES256', 'EdDSA']),
});

export type OidcSettings = z.input<typeof oidcSettingsSchema>;

/** An identity from a verified IdP token. */
export interface OidcIdentity {
  readonly tenantId: string;
  readonly principal: string;
  readonly role: ApiKeyRole;
  /** Whether `amr` records a second factor (mfa, otp, hwk, swk, sms, fpt, face, …). */
  readonly mfa: boolean;
  readonly claims: JWTPayload;
}

// RFC 8176 authentication method references that mean a second factor or a strong one.
const MFA_AMR = new Set([
  'mfa',
  'otp',
  'hwk',
  'swk',
  'sms',
  'fpt',
  'face',
  'iris',
  'retina',
  'vbm',
  'sc',
  'pop',
]);
const TENANT = /^[^\p{Cc}\p{Cf}]{1,128}$/u;

export interface OidcVerifier {
  verify(token: string): Promise<OidcIdentity>;
  readonly adminRequiresMfa: boolean;
}

export function createOidcVerifier(
  settings: OidcSettings,
  options: { readonly clock?: () => number } = {},
): OidcVerifier {
  const parsed = oidcSettingsSchema.safeParse(settings);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  const s = parsed.data;
  const jwks = createRemoteJWKSet(new URL(s.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  const unauthenticated = () =>
    new MaestroError('ERR_UNAUTHENTICATED', {
      message: 'Missing or invalid credentials: send Authorization: Bearer <api key>.',
    });
  return {
    adminRequiresMfa: s.adminRequiresMfa,
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: s.issuer,
          audience: s.audience,
          algorithms: s.algorithms,
          clockTolerance: s.clockToleranceSec,
          requiredClaims: ['sub', 'exp'],
          ...(options.clock === undefined ? {} : { currentDate: new Date(options.clock()) }),
        }));
      } catch (error) {
        // One message for every failure (expired, wrong audience, bad signature): nothing to probe.
        throw Object.assign(unauthenticated(), { cause: error });
      }
      const tenant = payload[s.tenantClaim];
      if (typeof tenant !== 'string' || !TENANT.test(tenant)) throw unauthenticated();
      const roleClaim = payload[s.roleClaim];
      const role: ApiKeyRole =
        typeof roleClaim === 'string' && (API_KEY_ROLES as readonly string[]).includes(roleClaim)
          ? (roleClaim as ApiKeyRole)
          : 'reader';
      const amr = Array.isArray(payload.amr)
        ? payload.amr.filter((v): v is string => typeof v === 'string')
        : [];
      return {
        tenantId: tenant,
        principal: `oidc:${String(payload.sub).slice(0, 200)}`,
        role,
        mfa: amr.some((m) => MFA_AMR.has(m)),
        claims: payload,
      };
    },
  };
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}
