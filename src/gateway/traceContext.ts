import { randomBytes } from 'node:crypto';

// W3C traceparent: version-traceid-parentid-flags, lower-case hex.
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const ZERO = '0'.repeat(32);

/** The request's trace id: the caller's W3C trace context when it is valid, otherwise a new one. */
export function traceIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'string' && value.length === 55) {
    const match = TRACEPARENT.exec(value);
    if (match !== null && match[1] !== ZERO) return match[1] as string;
  }
  return randomBytes(16).toString('hex');
}
