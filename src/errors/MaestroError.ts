import { ERROR_CODES, type ErrorCode } from './codes.js';

/** Where in the caller's input the problem is: a path of keys/indices, never the value. */
export type ErrorPath = ReadonlyArray<string | number>;

export interface MaestroErrorOptions {
  /** A caller-safe message; defaults to the code's generic text. Must not contain input values. */
  message?: string;
  path?: ErrorPath;
  cause?: unknown;
}

/** The shape of an error once it crosses a trust boundary: code, safe message, optional path. */
export interface SafeErrorBody {
  code: ErrorCode;
  message: string;
  path?: ErrorPath;
}

/**
 * Base of every error maestro throws on purpose. The `code` is the API; the message is written
 * for the caller and never carries input values, secrets or stack frames.
 */
export class MaestroError extends Error {
  readonly code: ErrorCode;
  readonly path: ErrorPath | undefined;

  constructor(code: ErrorCode, options: MaestroErrorOptions = {}) {
    super(
      options.message ?? ERROR_CODES[code],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'MaestroError';
    this.code = code;
    this.path = options.path;
  }

  /** What may be shown to a caller: no stack, no cause. */
  toJSON(): SafeErrorBody {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

export class InputTooLargeError extends MaestroError {
  readonly limitBytes: number;
  readonly actualBytes: number;

  constructor(actualBytes: number, limitBytes: number) {
    super('ERR_INPUT_TOO_LARGE', {
      message: `Input is ${actualBytes} bytes; the limit is ${limitBytes} bytes (option maxBytes).`,
    });
    this.name = 'InputTooLargeError';
    this.limitBytes = limitBytes;
    this.actualBytes = actualBytes;
  }
}

export class InvalidInputError extends MaestroError {
  constructor(message: string, path?: ErrorPath) {
    super('ERR_INVALID_INPUT', path === undefined ? { message } : { message, path });
    this.name = 'InvalidInputError';
  }
}

export class InvalidOptionsError extends MaestroError {
  constructor(message: string, path?: ErrorPath) {
    super('ERR_INVALID_OPTIONS', path === undefined ? { message } : { message, path });
    this.name = 'InvalidOptionsError';
  }
}

export class UsageError extends MaestroError {
  constructor(message: string) {
    super('ERR_USAGE', { message });
    this.name = 'UsageError';
  }
}
