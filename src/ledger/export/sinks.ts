import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { ConsecutiveBreaker, circuitBreaker, ExponentialBackoff, handleWhen, retry, wrap } from 'cockatiel';
import { MaestroError } from '../../errors/index.js';

/** Where exported findings go, one JSON document per line. `write` resolves once they are durable. */
export interface FindingSink {
  /** For messages: never contains credentials. */
  readonly name: string;
  write(lines: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export class ExportFailedError extends MaestroError {
  constructor(message: string, cause?: unknown) {
    super('ERR_EXPORT_FAILED', { message, cause });
    this.name = 'ExportFailedError';
  }
}

function body(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Appends to a file (created 0600), flushed to disk after every batch. */
export async function fileSink(path: string): Promise<FindingSink> {
  const handle = await open(path, 'a', 0o600);
  return {
    name: 'file',
    async write(lines) {
      if (lines.length === 0) return;
      await handle.write(body(lines));
      await handle.datasync();
    },
    close: () => handle.close(),
  };
}

/** Writes to a stream such as stdout, honouring back-pressure. */
export function streamSink(stream: NodeJS.WritableStream): FindingSink {
  return {
    name: 'stream',
    async write(lines) {
      if (lines.length === 0) return;
      if (!stream.write(body(lines))) await once(stream, 'drain');
    },
    async close() {},
  };
}

export interface HttpSinkOptions {
  readonly url: string;
  /** Extra request headers, e.g. an Authorization for the SIEM's collector. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per attempt. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected for tests; defaults to the global fetch (undici). */
  readonly fetch?: typeof fetch;
}

/** Status codes worth another attempt: timeouts, rate limits and server errors. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

class RetryableStatus extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The URL without credentials, query or fragment, for messages. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * POSTs each batch as NDJSON. Network errors, timeouts, 408/425/429 and 5xx are retried with
 * exponential backoff; after five consecutive failed batches a circuit breaker fails fast for a
 * while instead of hammering a collector that is down. Any other status fails the batch at once.
 */
export function httpSink(options: HttpSinkOptions): FindingSink {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ExportFailedError('The export URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ExportFailedError('The export URL must be http: or https:.');
  }
  const where = describeUrl(url);
  // fetch refuses URLs with credentials; send them as Basic authentication, as curl does.
  const credentials: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    credentials['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryPolicy = retry(
    handleWhen((error) => error instanceof RetryableStatus || !(error instanceof ExportFailedError)),
    {
      maxAttempts: Math.max(0, (options.maxAttempts ?? 5) - 1),
      backoff: new ExponentialBackoff({
        initialDelay: options.initialDelayMs ?? 200,
        maxDelay: options.maxDelayMs ?? 10_000,
      }),
    },
  );
  const breaker = circuitBreaker(
    handleWhen((error) => !(error instanceof ExportFailedError)),
    { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) },
  );
  const policy = wrap(breaker, retryPolicy);
  return {
    name: where,
    async write(lines) {
      if (lines.length === 0) return;
      const payload = body(lines);
      try {
        await policy.execute(async () => {
          const response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson', ...credentials, ...options.headers },
            body: payload,
            signal: AbortSignal.timeout(timeoutMs),
          });
          // Drain the body so the connection can be reused.
          await response.arrayBuffer().catch(() => undefined);
          if (response.ok) return;
          if (retryable(response.status)) throw new RetryableStatus(response.status);
          throw new ExportFailedError(`${where} refused the export with HTTP ${response.status}.`);
        });
      } catch (error) {
        if (error instanceof ExportFailedError) throw error;
        const reason = error instanceof RetryableStatus ? `HTTP ${error.status}` : 'no response';
        throw new ExportFailedError(
          `${where} did not take the export (${reason}, retries exhausted).`,
          error,
        );
      }
    },
    async close() {},
  };
}
