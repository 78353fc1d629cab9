import { z } from 'zod';
import type { Finding, Lane } from '../../core/index.js';
import { MaestroError } from '../../errors/index.js';
import { type OutputScanResult, type ScanOutputOptions, scanOutput } from '../../output/index.js';
import type { ToolCallContext, ToolCallPolicy, ToolCallVerdict } from './toolCallPolicy.js';

const responseToolCall = z.looseObject({
  id: z.string().max(256).optional(),
  type: z.string().max(64).optional(),
  function: z.looseObject({ name: z.string().max(128), arguments: z.string() }),
});

/** The parts of an upstream completion the gateway rewrites; the rest passes through. */
export const chatCompletionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().min(0).max(1000).optional(),
        message: z.looseObject({
          role: z.string().max(64).optional(),
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
          tool_calls: z.array(responseToolCall).max(1000).nullable().optional(),
        }),
        finish_reason: z.string().max(64).nullable().optional(),
      }),
    )
    .max(1000),
});

export type ChatCompletion = z.output<typeof chatCompletionSchema>;

/** One tool call the policy kept out, for the ledger. */
export interface WithheldCall {
  readonly choice: number;
  readonly name: string;
  readonly verdict: ToolCallVerdict;
}

export interface GuardedCompletion {
  readonly body: ChatCompletion;
  readonly output: OutputScanResult[];
  readonly withheld: WithheldCall[];
  /** Set when the completion must be withheld (ERR_OUTPUT_BLOCKED or ERR_TOOL_CALL_BLOCKED). */
  readonly stop: MaestroError | undefined;
}

/** Output lanes the proxy cannot hold for a person: `confirm` withholds like `block`. */
export function outputStops(lane: Lane): boolean {
  return lane === 'block' || lane === 'confirm';
}

export function outputBlocked(findings: readonly Finding[]): MaestroError {
  const kinds = [...new Set(findings.map((f) => f.detector))].slice(0, 8).join(', ');
  return new MaestroError('ERR_OUTPUT_BLOCKED', {
    message: `The completion was withheld by the output guard${kinds ? `: ${kinds}` : ''}.`,
  });
}

/**
 * Judges the calls of one message; returns the ones that may reach the client. A call whose
 * arguments carry a credential is withheld too: arguments are a channel out of the system.
 */
export function judgeToolCalls<T extends { function: { name: string; arguments: string } }>(
  calls: readonly T[],
  policy: ToolCallPolicy,
  context: ToolCallContext,
  choice: number,
  withheld: WithheldCall[],
): T[] {
  return calls.filter((call) => {
    let verdict = policy.check(call.function.name, call.function.arguments, context);
    if (verdict.allowed) {
      const leak = scanOutput(call.function.arguments, { pii: false, sink: 'text', onSecret: 'block' });
      if (leak.lane === 'block') verdict = { allowed: false, reason: 'invalid_arguments', policies: [] };
    }
    if (!verdict.allowed) withheld.push({ choice, name: call.function.name, verdict });
    return verdict.allowed;
  });
}

/**
 * The output guard over a whole completion: each choice's text is scanned and redacted (a lane
 * the proxy cannot satisfy withholds the completion), and its tool calls are judged by the tool
 * policy: removed, or the completion withheld, as configured.
 */
export function guardCompletion(
  completion: ChatCompletion,
  options: { output: ScanOutputOptions; policy: ToolCallPolicy; context: ToolCallContext },
): GuardedCompletion {
  const output: OutputScanResult[] = [];
  const withheld: WithheldCall[] = [];
  let stop: MaestroError | undefined;
  const choices = completion.choices.map((choice, position) => {
    const index = choice.index ?? position;
    const message = { ...choice.message };
    for (const field of ['content', 'refusal'] as const) {
      const text = message[field];
      if (typeof text !== 'string' || text.length === 0) continue;
      const result = scanOutput(text, options.output);
      output.push(result);
      if (outputStops(result.lane)) stop ??= outputBlocked(result.findings);
      message[field] = result.redacted;
    }
    let finish = choice.finish_reason;
    if (message.tool_calls !== undefined && message.tool_calls !== null) {
      const kept = judgeToolCalls(message.tool_calls, options.policy, options.context, index, withheld);
      if (kept.length > 0) message.tool_calls = kept;
      else {
        delete message.tool_calls;
        if (finish === 'tool_calls') finish = 'stop';
        message.content ??= '';
      }
    }
    const { logprobs: _logprobs, ...rest } = choice;
    const { audio: _audio, ...cleanMessage } = message;
    return { ...rest, message: cleanMessage, finish_reason: finish };
  });
  if (withheld.length > 0 && options.policy.onDisallowed === 'block') stop ??= toolCallBlocked(withheld);
  return { body: { ...completion, choices }, output, withheld, stop };
}

export function toolCallBlocked(withheld: readonly WithheldCall[]): MaestroError {
  const names = [...new Set(withheld.map((w) => w.name))].slice(0, 8).join(', ');
  return new MaestroError('ERR_TOOL_CALL_BLOCKED', {
    message: `The model proposed tool calls the tool policy does not allow (${names}); the completion was withheld.`,
  });
}
