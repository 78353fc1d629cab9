import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { API_KEY_ROLES, type ApiKeyRole } from './apiKeys.js';

/** A workload identity a client certificate maps to (C12: mTLS with workload identities). */
export const certificateIdentitySchema = z
  .strictObject({
    /** The certificate's subject common name, e.g. `billing-agent.prod`. */
    subject: z.string().min(1).max(256).optional(),
    /** SHA-256 fingerprint as Node prints it (`AB:CD:…`), to pin one certificate. */
    fingerprint256: z
      .string()
      .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'expected an upper-case colon-separated SHA-256 fingerprint')
      .optional(),
    tenantId: z.string().min(1).max(128),
    principal: z.string().min(1).max(256),
    role: z.enum(API_KEY_ROLES).default('agent'),
  })
  .refine((i) => i.subject !== undefined || i.fingerprint256 !== undefined, {
    message: 'name the certificate by subject or fingerprint256',
  });

export type CertificateIdentity = z.output<typeof certificateIdentitySchema>;

export interface CertificateMatch {
  readonly tenantId: string;
  readonly principal: string;
  readonly role: ApiKeyRole;
  readonly subject: string;
  readonly fingerprint256: string;
}

/**
 * The workload identity of a request's client certificate: only a certificate the TLS layer
 * verified against the configured CA counts, and it must match a configured identity (by pinned
 * fingerprint first, then by subject CN). Anything else is no identity (the request may still
 * authenticate with a bearer credential).
 */
export function identityFromCertificate(
  socket: unknown,
  identities: readonly CertificateIdentity[],
): CertificateMatch | undefined {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerCertificate !== 'function' || tls.authorized !== true) return undefined;
  const cert = tls.getPeerCertificate();
  if (cert === null || typeof cert !== 'object' || typeof cert.fingerprint256 !== 'string') return undefined;
  const cn = typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
  const match =
    identities.find((i) => i.fingerprint256 !== undefined && i.fingerprint256 === cert.fingerprint256) ??
    identities.find((i) => i.fingerprint256 === undefined && i.subject !== undefined && i.subject === cn);
  if (match === undefined) return undefined;
  return {
    tenantId: match.tenantId,
    principal: match.principal,
    role: match.role,
    subject: cn ?? '',
    fingerprint256: cert.fingerprint256,
  };
}
