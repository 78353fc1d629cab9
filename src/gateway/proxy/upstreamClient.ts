import { setTimeout as sleep } from 'node:timers/promises';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IDisposable,
} from 'cockatiel';
import { type Dispatcher, Pool } from 'undici';
import { MaestroError } from '../../errors/index.js';
import { jitteredDelayMs } from '../../exec/index.js';
import type { UpstreamSettings } from './upstreamSettings.js';

/** What came back from the upstream once its headers arrived; the body is still to be read. */
export interface UpstreamResponse {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | undefined;
  readonly body: Dispatcher.ResponseData['body'];
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

export interface UpstreamClient {
  /**
   * POSTs a JSON body to `path` (relative to the base URL). Retries what is safe to retry (the
   * request never reached the upstream, or it answered 502/503), inside a circuit breaker. Throws
   * `ERR_UPSTREAM_UNAVAILABLE` or `ERR_CIRCUIT_OPEN`, never an undici error.
   */
  post(
    path: string,
    body: string,
    options: { signal: AbortSignal; traceId: string },
  ): Promise<UpstreamResponse>;
  circuitState(): CircuitStateName;
  close(): Promise<void>;
}

/** A failed attempt (thrown inside the breaker so that it counts). */
class AttemptFailed extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function failureOf(error: unknown): AttemptFailed {
  const code = (error as { code?: unknown }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new AttemptFailed('did not answer in time', false);
  if (typeof code === 'string' && RETRYABLE_CODES.has(code))
    return new AttemptFailed('could not be reached', true);
  return new AttemptFailed('failed', false);
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * The gateway's connection to the LLM API (C2): a pooled undici client with connect, header and
 * body timeouts, bounded retries with jittered backoff, and a circuit breaker that stops sending
 * to an upstream that keeps failing and lets one trial through after `halfOpenAfterMs`. The
 * upstream's API key comes from the environment; the caller's credentials are never forwarded.
 */
export function createUpstreamClient(
  settings: UpstreamSettings,
  options: {
    apiKey: string | undefined;
    onCircuitChange?: (state: CircuitStateName) => void;
    random?: () => number;
  },
): UpstreamClient {
  const base = new URL(settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`);
  const pool = new Pool(base.origin, {
    connections: settings.connections,
    connectTimeout: settings.connectTimeoutMs,
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
    keepAliveTimeout: 4_000,
  });
  const random = options.random ?? Math.random;
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof AttemptFailed),
    {
      halfOpenAfter: settings.circuit.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.circuit.consecutiveFailures),
    },
  );
  const listeners: IDisposable[] = [
    breaker.onStateChange((state) => {
      try {
        options.onCircuitChange?.(STATE_NAMES[state]);
      } catch {
        // An observer must not change the outcome of a request.
      }
    }),
  ];
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
  };

  const attempt = async (path: string, body: string, signal: AbortSignal, traceId: string) =>
    breaker.execute(async () => {
      let response: Dispatcher.ResponseData;
      try {
        response = await pool.request({
          method: 'POST',
          path: new URL(path.replace(/^\//, ''), base).pathname,
          headers: { ...headers, 'x-maestro-trace-id': traceId },
          body,
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error; // the client went away: not the upstream's failure
        throw failureOf(error);
      }
      if (response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504) {
        await response.body.dump().catch(() => undefined);
        throw new AttemptFailed(`answered ${response.statusCode}`, response.statusCode !== 504);
      }
      if (response.statusCode >= 500) {
        await response.body.dump().catch(() => undefined);
        throw new AttemptFailed(`answered ${response.statusCode}`, false);
      }
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      return {
        status: response.statusCode,
        contentType: header('content-type') ?? '',
        retryAfter: header('retry-after'),
        body: response.body,
      };
    }, signal);

  return {
    async post(path, body, { signal, traceId }) {
      for (let retry = 0; ; retry++) {
        try {
          return await attempt(path, body, signal, traceId);
        } catch (error) {
          if (error instanceof BrokenCircuitError) {
            throw new MaestroError('ERR_CIRCUIT_OPEN', {
              message: `The upstream is failing and its circuit is open; requests are refused for up to ${Math.ceil(settings.circuit.halfOpenAfterMs / 1000)} s.`,
            });
          }
          if (!(error instanceof AttemptFailed)) {
            throw new MaestroError('ERR_REQUEST_TIMEOUT', { message: 'The request was cancelled.' });
          }
          if (!error.retryable || retry >= settings.retries || signal.aborted) {
            throw new MaestroError('ERR_UPSTREAM_UNAVAILABLE', {
              message: `The upstream ${error.reason}${retry > 0 ? ` (${retry + 1} attempts)` : ''}.`,
            });
          }
          await sleep(
            jitteredDelayMs({ initialDelayMs: 100, maxDelayMs: 1_000 }, retry + 1, random()),
            undefined,
            {
              signal,
            },
          ).catch(() => undefined);
        }
      }
    },
    circuitState: () => STATE_NAMES[breaker.state],
    async close() {
      for (const listener of listeners) listener.dispose();
      await pool.close();
    },
  };
}
