import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { InvalidOptionsError, MaestroError } from '../../errors/index.js';
import { callPoliciesCache, type ResilientCall } from './callPolicies.js';
import {
  circuitOf,
  createIntegration,
  type Integration,
  type IntegrationStats,
  statsOf,
} from './integration.js';
import {
  BulkheadFullError,
  CircuitOpenError,
  ToolCancelledError,
  ToolFailedError,
  ToolTimeoutError,
} from './resilienceErrors.js';
import {
  type CircuitStateName,
  type ResilienceOptions,
  resolveResilienceOptions,
} from './resilienceOptions.js';

export interface Resilience {
  /**
   * Runs `fn` for one tool call under its integration's bulkhead and circuit breaker, with a
   * deadline per attempt and, for idempotent calls with a retry spec only, retries with
   * exponential backoff and jitter. `fn` gets the attempt's AbortSignal (aborted at the deadline,
   * when the caller's signal aborts and when the attempt returns) and the attempt number from 1.
   *
   * Rejects with ToolTimeoutError, ToolFailedError (the tool threw; its error only in `cause`),
   * CircuitOpenError (fn not called), BulkheadFullError (fn not called), ToolCancelledError (the
   * caller aborted) or InvalidOptionsError (a malformed call). Nothing else escapes.
   */
  run<T>(call: ResilientCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<T>;
  /** The integration's circuit; 'closed' for one never called. */
  state(integration: string): CircuitStateName;
  /** Circuit state and bulkhead occupancy of every integration called so far. */
  stats(): IntegrationStats[];
  /**
   * Removes the cockatiel listeners and forgets every integration's breaker and bulkhead. Calls
   * already running finish on the policies they hold; later calls start from closed circuits.
   */
  dispose(): void;
}

/** Integrations kept at once. Names come from tool declarations, so this only bounds a bug. */
const MAX_INTEGRATIONS = 10_000;
const MAX_NAME = 128;

/**
 * Per-integration resilience for tool calls (layer 3, controls C14 and C22), composed from
 * cockatiel policies. Outermost to innermost:
 *
 * 1. **Bulkhead** (per integration). Admission comes first, so a call waiting in the queue has
 *    used no attempt, started no deadline and told the breaker nothing. Its limit counts calls,
 *    retries included, so retrying cannot multiply the load on a struggling dependency (a call
 *    keeps its slot while it backs off). A full bulkhead is our own load, not the dependency's
 *    failure: it is final, never retried and never counted by the breaker.
 * 2. **Retry** (per call, idempotent calls only). Outside the breaker, so every attempt passes
 *    through the breaker on its own: each counts as a success or failure, and once the circuit
 *    opens the next attempt fails fast with ERR_CIRCUIT_OPEN, which is not retried.
 * 3. **Circuit breaker** (per integration, consecutive failures). Sees one attempt at a time;
 *    counts thrown errors and timeouts, not cancellations by the caller (except of a half-open
 *    trial, which then proved nothing and keeps the circuit open).
 * 4. **Timeout** (per attempt, aggressive). Innermost, so each attempt gets its own deadline and
 *    its own AbortSignal, and a timeout counts against the breaker like any failure.
 *
 * The layers are nested by hand rather than with cockatiel's `wrap` for two reasons: errors are
 * translated into maestro's typed errors between the layers (so the retry and breaker filters
 * see what kind of failure it was), and every layer gets the caller's signal directly (cockatiel's
 * breaker drops the signal for a call that waited behind a half-open trial).
 *
 * Before the bulkhead, a circuit that is open (and not yet due for a trial) fails the call at
 * once, so calls to a dead dependency do not queue behind the calls still running against it.
 *
 * A tool that ignores its AbortSignal cannot be stopped from JavaScript (CPU-bound code needs a
 * worker or a sandbox, C14). The aggressive timeout still answers the caller at the deadline, but
 * the call keeps its bulkhead slot until the tool has really ended (`stats().abandoned`), and a
 * retry starts only after the previous attempt ended (within the retry's own deadline): the work
 * running against an integration never exceeds its limit.
 */
export function createResilience(options: ResilienceOptions = {}): Resilience {
  const resolved = resolveResilienceOptions(options);
  const policiesFor = callPoliciesCache(resolved.random);
  const integrations = new Map<string, Integration>();

  function integrationOf(name: string): Integration {
    const found = integrations.get(name);
    if (found !== undefined) return found;
    if (integrations.size >= MAX_INTEGRATIONS) {
      throw new InvalidOptionsError(`Too many integrations (${MAX_INTEGRATIONS}).`);
    }
    const created = createIntegration(name, resolved.settingsFor(name), resolved.onCircuitChange);
    integrations.set(name, created);
    return created;
  }

  async function run<T>(call: ResilientCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>) {
    checkNames(call);
    const policies = policiesFor(call);
    const integration = integrationOf(call.integration);
    const { tool } = call;
    const caller = call.signal;
    if (caller?.aborted === true) throw new ToolCancelledError(tool);
    const circuit = circuitOf(integration);
    if (circuit.state === 'open') throw new CircuitOpenError(call.integration, circuit.retryAfterMs);

    let attempts = 0;
    // The tool's latest attempt until it has really ended, which for a tool that ignores its
    // signal is after the attempt's deadline. Attempts of one call never overlap.
    let work: Promise<void> | undefined;

    const attempt = async (): Promise<T> => {
      // cockatiel's retry does not wake from its backoff when the caller aborts; never start
      // another attempt after that.
      if (caller?.aborted === true) throw new ToolCancelledError(tool);
      try {
        return await integration.breaker.execute(async () => {
          try {
            return await policies.timeout.execute(async ({ signal }) => {
              // A previous attempt that ignored its signal must end first, within this deadline.
              if (work !== undefined) await work;
              // The deadline passed meanwhile: the timeout has already settled this attempt.
              if (signal.aborted) throw new TaskCancelledError();
              const n = ++attempts;
              const running = invoke(fn, signal, n);
              const ended = running.then(noop, noop).then(() => {
                if (work === ended) work = undefined;
              });
              work = ended;
              try {
                return await running;
              } catch (error) {
                throw attemptError(call, error, signal);
              }
            }, caller);
          } catch (error) {
            // The aggressive timeout gave up on the attempt: its deadline, or the caller.
            if (error instanceof TaskCancelledError) {
              throw caller?.aborted === true
                ? new ToolCancelledError(tool)
                : new ToolTimeoutError(tool, call.timeoutMs);
            }
            throw error;
          }
        }, caller);
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new CircuitOpenError(call.integration, circuitOf(integration).retryAfterMs);
        }
        throw error;
      }
    };

    return new Promise<T>((resolve, reject) => {
      // Settles as soon as the caller aborts, even while the call waits in the bulkhead's queue or
      // in a retry's backoff (where cockatiel does not watch the signal). What is left ends on its
      // own: a queued call is dropped when dequeued, a pending retry does not start.
      const onAbort = () => reject(new ToolCancelledError(tool));
      caller?.addEventListener('abort', onAbort, { once: true });
      const fail = (error: unknown) => {
        caller?.removeEventListener('abort', onAbort);
        reject(outerError(call, error));
      };
      integration.bulkhead
        .execute(async () => {
          const outcome = policies.retry === undefined ? attempt() : policies.retry.execute(attempt, caller);
          outcome.then((value) => {
            caller?.removeEventListener('abort', onAbort);
            resolve(value);
          }, fail);
          await outcome.catch(noop);
          // The caller has its answer; the slot is kept until a tool that ignored its signal has
          // really ended, so such tools cannot pile up more than `limit` runs on the integration.
          if (work !== undefined) {
            integration.abandoned++;
            await work;
            integration.abandoned--;
          }
        }, caller)
        .catch(fail);
    });
  }

  return {
    run,
    state(name) {
      const found = integrations.get(name);
      return found === undefined ? 'closed' : circuitOf(found).state;
    },
    stats() {
      return [...integrations.values()].map(statsOf);
    },
    dispose() {
      for (const integration of integrations.values()) {
        for (const listener of integration.listeners) listener.dispose();
      }
      integrations.clear();
    },
  };
}

function checkNames(call: ResilientCall): void {
  const ok = (name: unknown) => typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME;
  if (!ok(call.tool)) throw new InvalidOptionsError('A call needs a tool name.', ['tool']);
  if (!ok(call.integration))
    throw new InvalidOptionsError('A call needs an integration name.', ['integration']);
}

/** What the tool threw, as the retry and breaker must see it. The tool's error stays in `cause`. */
function attemptError(call: ResilientCall, error: unknown, signal: AbortSignal): MaestroError {
  if (call.signal?.aborted === true) return new ToolCancelledError(call.tool, error);
  // The signal fired while the tool ran and the caller did not abort: its deadline passed, whatever
  // the tool threw on seeing it.
  if (signal.aborted) return new ToolTimeoutError(call.tool, call.timeoutMs);
  return new ToolFailedError(call.tool, error);
}

/** Errors of the outer layers (bulkhead, retry), typed; nothing foreign escapes `run`. */
function outerError(call: ResilientCall, error: unknown): MaestroError {
  // Only the typed errors made above reach here as MaestroErrors (tool errors are wrapped).
  if (error instanceof MaestroError) return error;
  if (error instanceof BulkheadRejectedError) return new BulkheadFullError(call.integration);
  // The bulkhead refuses to start a queued call whose caller has aborted.
  if (error instanceof TaskCancelledError) return new ToolCancelledError(call.tool);
  if (error instanceof BrokenCircuitError) return new CircuitOpenError(call.integration);
  return new ToolFailedError(call.tool, error);
}

const noop = () => undefined;

/** Calls the tool; a synchronous throw becomes a rejection like any other failure. */
function invoke<T>(
  fn: (signal: AbortSignal, attempt: number) => Promise<T>,
  signal: AbortSignal,
  attempt: number,
): Promise<T> {
  try {
    return Promise.resolve(fn(signal, attempt));
  } catch (error) {
    return Promise.reject(error);
  }
}
