import { utf8ByteLength } from '../core/index.js';
import { InputTooLargeError, InvalidInputError } from '../errors/index.js';
import { type ResolvedScanOptions, resolveScanOptions } from './options.js';
import type { ChatMessage } from './types.js';

/** The most messages one call scans; longer histories should be trimmed by the caller. */
export const MAX_MESSAGES = 1_000;

const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant', 'tool', 'developer', 'function']);

export type ValidatedInput =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly bytes: number;
      readonly options: ResolvedScanOptions;
    }
  | {
      readonly kind: 'messages';
      readonly messages: readonly ChatMessage[];
      readonly bytes: number;
      readonly options: ResolvedScanOptions;
    };

function checkWellFormed(text: string, path: Array<string | number>): void {
  if (!text.isWellFormed()) {
    throw new InvalidInputError(
      'Input contains a lone UTF-16 surrogate; it is not well-formed Unicode text.',
      path,
    );
  }
}

/**
 * Step 1 of the scan: options checked by zod, then the size ceiling — before anything reads
 * the text — then the shape (a string, or chat messages with a known role and string content)
 * and well-formedness (no lone surrogates).
 */
export function validateInput(input: unknown, options?: unknown): ValidatedInput {
  const resolved = resolveScanOptions(options);
  const limit = resolved.maxBytes;
  if (typeof input === 'string') {
    const bytes = utf8ByteLength(input, limit);
    if (bytes > limit) throw new InputTooLargeError(bytes, limit);
    checkWellFormed(input, []);
    return { kind: 'text', text: input, bytes, options: resolved };
  }
  if (!Array.isArray(input)) {
    throw new InvalidInputError('Input must be a string or an array of chat messages ({ role, content }).');
  }
  if (input.length > MAX_MESSAGES) {
    throw new InvalidInputError(
      `Input has ${input.length} messages; at most ${MAX_MESSAGES} are scanned per call.`,
    );
  }
  let bytes = 0;
  for (let i = 0; i < input.length; i++) {
    const content: unknown = (input[i] as { content?: unknown } | null)?.content;
    if (typeof content === 'string') {
      bytes += utf8ByteLength(content, limit - bytes);
      if (bytes > limit) throw new InputTooLargeError(bytes, limit);
    }
  }
  const messages: ChatMessage[] = [];
  for (let i = 0; i < input.length; i++) {
    const message: unknown = input[i];
    if (typeof message !== 'object' || message === null) {
      throw new InvalidInputError('Each message must be an object with role and content.', [i]);
    }
    const { role, content, name } = message as { role?: unknown; content?: unknown; name?: unknown };
    if (typeof role !== 'string' || !ROLES.has(role)) {
      throw new InvalidInputError(
        'Message role must be one of system, user, assistant, tool, developer, function.',
        [i, 'role'],
      );
    }
    if (typeof content !== 'string')
      throw new InvalidInputError('Message content must be a string.', [i, 'content']);
    if (name !== undefined && typeof name !== 'string') {
      throw new InvalidInputError('Message name must be a string.', [i, 'name']);
    }
    checkWellFormed(content, [i, 'content']);
    messages.push(
      name === undefined
        ? { role: role as ChatMessage['role'], content }
        : { role: role as ChatMessage['role'], content, name },
    );
  }
  return { kind: 'messages', messages, bytes, options: resolved };
}
