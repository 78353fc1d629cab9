import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { MaestroError, toSafeError } from '../../errors/index.js';
import { createOutputGuard, type OutputGuard, type OutputStreamOptions } from '../../output/index.js';
import { errorBody } from '../httpErrors.js';
import { judgeToolCalls, toolCallBlocked, type WithheldCall } from './chatResponse.js';
import type { ToolCallContext, ToolCallPolicy } from './toolCallPolicy.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

interface ChoiceState {
  readonly content: OutputGuard;
  readonly refusal: OutputGuard;
  readonly calls: Map<number, PendingCall>;
  finished: boolean;
}

export interface ChatStreamOptions {
  readonly output: OutputStreamOptions;
  readonly policy: ToolCallPolicy;
  readonly context: ToolCallContext;
  readonly traceId: string;
  /** Bytes of tool-call arguments held per choice before the stream fails closed. */
  readonly maxToolCallBytes?: number;
  /** Everything the guards found and withheld, when the stream ends (or stops). */
  readonly onEnd?: (report: ChatStreamReport) => void;
}

export interface ChatStreamReport {
  readonly findings: ReturnType<OutputGuard['report']>['findings'];
  readonly withheld: readonly WithheldCall[];
  readonly stopped: MaestroError | undefined;
}

const sse = (data: string) => `data: ${data}\n\n`;

/** A well-formed error event (the OpenAI clients raise it as an API error) with the trace id. */
export function streamErrorEvent(error: unknown, traceId: string): string {
  const safe = error instanceof MaestroError ? error.toJSON() : toSafeError(error);
  return sse(JSON.stringify(errorBody(safe, traceId).body));
}

/**
 * Guards an OpenAI chat completion stream event by event (C19, C23): each choice's text goes
 * through its own output guard, which holds back a tail so that a secret split over chunks is
 * seen whole before any of it is released; tool-call fragments are held until the choice
 * finishes, then judged whole by the tool policy. When the stream must stop, nothing more of it
 * is sent: the client gets one error event and the stream ends. Log probabilities and audio are
 * dropped: they would carry the text past the guard.
 */
export async function* guardChatStream(
  upstream: AsyncIterable<Uint8Array>,
  options: ChatStreamOptions,
): AsyncGenerator<string> {
  const maxCallBytes = options.maxToolCallBytes ?? 256 * 1024;
  const choices = new Map<number, ChoiceState>();
  const withheld: WithheldCall[] = [];
  const events: EventSourceMessage[] = [];
  let meta: Json = {};
  let stopped: MaestroError | undefined;
  const parser = createParser({ onEvent: (event) => events.push(event) });
  const decoder = new TextDecoder('utf-8');

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (state === undefined) {
      state = {
        content: createOutputGuard(options.output),
        refusal: createOutputGuard(options.output),
        calls: new Map(),
        finished: false,
      };
      choices.set(index, state);
    }
    return state;
  };

  /** Ends a choice: releases the held text and decides its tool calls. */
  const finish = (index: number, state: ChoiceState, delta: Json, reason: unknown): unknown => {
    state.finished = true;
    const content = `${typeof delta.content === 'string' ? delta.content : ''}${state.content.end()}`;
    const refusal = `${typeof delta.refusal === 'string' ? delta.refusal : ''}${state.refusal.end()}`;
    if (content.length > 0) delta.content = content;
    if (refusal.length > 0) delta.refusal = refusal;
    const calls = [...state.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, c]) => ({
        id: c.id,
        type: 'function' as const,
        function: { name: c.name, arguments: c.arguments },
      }));
    if (calls.length === 0) return reason;
    const kept = judgeToolCalls(calls, options.policy, options.context, index, withheld);
    if (kept.length < calls.length && options.policy.onDisallowed === 'block')
      throw toolCallBlocked(withheld);
    if (kept.length > 0) delta.tool_calls = kept.map((call, i) => ({ index: i, ...call }));
    return reason === 'tool_calls' && kept.length === 0 ? 'stop' : reason;
  };

  const rewriteChoice = (raw: unknown): Json | undefined => {
    if (!isObject(raw))
      throw new MaestroError('ERR_UPSTREAM_INVALID', { message: 'A stream event has a malformed choice.' });
    const index = typeof raw.index === 'number' && Number.isInteger(raw.index) ? raw.index : 0;
    const state = stateOf(index);
    if (state.finished) return undefined;
    const source = isObject(raw.delta) ? raw.delta : {};
    const { tool_calls: callParts, audio: _audio, ...delta } = source;
    if (typeof delta.content === 'string') delta.content = state.content.push(delta.content);
    if (typeof delta.refusal === 'string') delta.refusal = state.refusal.push(delta.refusal);
    if (Array.isArray(callParts)) {
      for (const part of callParts) {
        if (!isObject(part)) continue;
        const at = typeof part.index === 'number' ? part.index : 0;
        const call = state.calls.get(at) ?? { id: '', name: '', arguments: '' };
        const fn = isObject(part.function) ? part.function : {};
        if (typeof part.id === 'string') call.id = part.id;
        if (typeof fn.name === 'string') call.name += fn.name;
        if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
        if (call.arguments.length + call.name.length > maxCallBytes) {
          throw new MaestroError('ERR_OUTPUT_BLOCKED', {
            message: 'A streamed tool call is larger than the gateway holds.',
          });
        }
        state.calls.set(at, call);
      }
    }
    const reason = raw.finish_reason ?? null;
    const finishReason = reason === null ? null : finish(index, state, delta, reason);
    const { logprobs: _logprobs, ...rest } = raw;
    const hasText =
      (typeof delta.content === 'string' && delta.content.length > 0) ||
      (typeof delta.refusal === 'string' && delta.refusal.length > 0);
    if (!hasText) {
      delete delta.content;
      delete delta.refusal;
    }
    if (!hasText && finishReason === null && delta.role === undefined && delta.tool_calls === undefined)
      return undefined;
    return { ...rest, index, delta, finish_reason: finishReason };
  };

  const rewrite = (data: string): string | undefined => {
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new MaestroError('ERR_UPSTREAM_INVALID', { message: 'A stream event is not valid JSON.' });
    }
    if (!isObject(chunk))
      throw new MaestroError('ERR_UPSTREAM_INVALID', { message: 'A stream event is not an object.' });
    if (chunk.error !== undefined) {
      throw new MaestroError('ERR_UPSTREAM_UNAVAILABLE', {
        message: 'The upstream reported an error in the stream.',
      });
    }
    const { choices: raw, ...rest } = chunk;
    meta = { id: rest.id, object: rest.object, created: rest.created, model: rest.model };
    if (!Array.isArray(raw))
      throw new MaestroError('ERR_UPSTREAM_INVALID', { message: 'A stream event has no choices.' });
    if (raw.length === 0) return sse(data); // usage and other choice-less events
    const out = raw.map(rewriteChoice).filter((c): c is Json => c !== undefined);
    return out.length === 0 ? undefined : sse(JSON.stringify({ ...rest, choices: out }));
  };

  /** Choices the upstream never finished: their held text is released (or stopped) now. */
  const flushUnfinished = (): string | undefined => {
    const out: Json[] = [];
    for (const [index, state] of choices) {
      if (state.finished) continue;
      const delta: Json = {};
      finish(index, state, delta, null);
      if (Object.keys(delta).length > 0) out.push({ index, delta, finish_reason: null });
    }
    return out.length === 0 ? undefined : sse(JSON.stringify({ ...meta, choices: out }));
  };

  try {
    let done = false;
    for await (const bytes of upstream) {
      parser.feed(decoder.decode(bytes, { stream: true }));
      while (events.length > 0) {
        const event = events.shift() as EventSourceMessage;
        if (event.data === '[DONE]') {
          const tail = flushUnfinished();
          if (tail !== undefined) yield tail;
          yield sse('[DONE]');
          done = true;
          break;
        }
        const out = rewrite(event.data);
        if (out !== undefined) yield out;
      }
      if (done) return;
    }
    const tail = flushUnfinished();
    if (tail !== undefined) yield tail;
  } catch (error) {
    stopped =
      error instanceof MaestroError
        ? error
        : new MaestroError('ERR_UPSTREAM_UNAVAILABLE', { message: 'The upstream stream broke off.' });
    yield streamErrorEvent(stopped, options.traceId);
  } finally {
    const findings = [...choices.values()].flatMap((s) => [
      ...s.content.report().findings,
      ...s.refusal.report().findings,
    ]);
    options.onEnd?.({ findings, withheld, stopped });
  }
}
