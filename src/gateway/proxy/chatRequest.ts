import { z } from 'zod';
import { invalidOptionsFromZod } from '../../errors/index.js';
import { type ChatMessage, sanitizeInput } from '../../scan/index.js';

/** Content parts forwarded as they are: the scan reads text, not pictures or sound. */
const OPAQUE_PARTS = new Set(['image_url', 'input_audio', 'file']);

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const opaquePart = z.looseObject({
  type: z
    .string()
    .refine(
      (t) => OPAQUE_PARTS.has(t),
      'expected a content part of type text, refusal, image_url, input_audio or file',
    ),
});
const contentPart = z.union([textPart, refusalPart, opaquePart]);

const toolCall = z.looseObject({
  id: z.string().max(256),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string().max(128), arguments: z.string() }),
});

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(contentPart).max(1000), z.null()]).optional(),
  name: z.string().max(256).optional(),
  tool_calls: z.array(toolCall).max(1000).optional(),
  tool_call_id: z.string().max(256).optional(),
});

const tool = z.looseObject({
  type: z.string().max(64),
  function: z.looseObject({ name: z.string().max(128) }).optional(),
});

/**
 * An OpenAI chat completion request. Everything the gateway reads is checked; other parameters
 * (temperature, response_format, …) are passed through to the upstream untouched.
 */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(message).min(1).max(10_000),
  stream: z.boolean().optional(),
  tools: z.array(tool).max(1024).optional(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;
type RequestMessage = ChatRequest['messages'][number];

/** The text of a message the scan reads: its content, text parts joined. */
function textOf(m: RequestMessage): string {
  if (typeof m.content === 'string') return m.content;
  if (!Array.isArray(m.content)) return '';
  return m.content
    .map((part) =>
      'text' in part && typeof part.text === 'string'
        ? part.text
        : 'refusal' in part
          ? String(part.refusal)
          : '',
    )
    .filter((t) => t.length > 0)
    .join('\n');
}

export function parseChatRequest(body: unknown): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidOptionsFromZod(parsed.error);
  return parsed.data;
}

/** The messages as the scan sees them (role → source: tool results are indirect input). */
export function scanMessagesOf(request: ChatRequest): ChatMessage[] {
  return request.messages.map((m) => ({ role: m.role, content: textOf(m) }));
}

/** Invisible characters and chat-template delimiters removed from every text the model will read. */
function sanitizeMessage(m: RequestMessage): RequestMessage {
  if (typeof m.content === 'string') return { ...m, content: sanitizeInput(m.content).text };
  if (!Array.isArray(m.content)) return m;
  return {
    ...m,
    content: m.content.map((part) =>
      'text' in part && typeof part.text === 'string'
        ? { ...part, text: sanitizeInput(part.text).text }
        : part,
    ),
  };
}

/**
 * The body forwarded upstream: sanitized messages, and only the tools the policy lets the model
 * see. Returns the names of the tools taken out.
 */
export function forwardedBody(
  request: ChatRequest,
  offers: (name: string) => boolean,
): { body: ChatRequest; withheldTools: string[] } {
  const withheldTools: string[] = [];
  const tools = request.tools?.filter((t) => {
    const name = t.function?.name;
    const ok = t.type === 'function' && name !== undefined && offers(name);
    if (!ok) withheldTools.push(name ?? t.type);
    return ok;
  });
  const body: ChatRequest = { ...request, messages: request.messages.map(sanitizeMessage) };
  if (tools !== undefined) {
    if (tools.length > 0) body.tools = tools;
    else {
      delete body.tools;
      delete body.tool_choice;
      delete body.parallel_tool_calls;
    }
  }
  return { body, withheldTools };
}
