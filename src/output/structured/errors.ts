/** Stable codes of structured-output failures. Callers switch on these. */
export const STRUCTURED_OUTPUT_ERROR_CODES = {
  ERR_OUTPUT_INVALID_JSON: 'The output is not strict JSON.',
  ERR_OUTPUT_TOO_DEEP: 'The output nests deeper than allowed.',
  ERR_OUTPUT_TOO_LARGE: 'The output is larger than allowed.',
  ERR_OUTPUT_SCHEMA_MISMATCH: 'The output does not match the schema.',
  ERR_OUTPUT_SCAN_FAILED: 'The string scanner failed; the output was not accepted.',
} as const;

export type StructuredOutputErrorCode = keyof typeof STRUCTURED_OUTPUT_ERROR_CODES;

/** A path of keys and indices into the JSON value. Never a value. */
export type JsonPath = ReadonlyArray<string | number>;

/** What may be shown to a caller (or a model asked to retry): code, safe message, path. */
export interface StructuredOutputErrorBody {
  readonly code: StructuredOutputErrorCode;
  readonly message: string;
  readonly path: JsonPath;
  /** UTF-16 offset in the text where parsing stopped, when the JSON itself was at fault. */
  readonly offset?: number;
}

/**
 * Thrown by `parseJsonStrict`. The message names the problem, the path and the offset; it
 * never quotes the text.
 */
export class StructuredOutputError extends Error {
  readonly code: StructuredOutputErrorCode;
  readonly path: JsonPath;
  readonly offset: number | undefined;

  constructor(code: StructuredOutputErrorCode, message: string, path: JsonPath = [], offset?: number) {
    super(message);
    this.name = 'StructuredOutputError';
    this.code = code;
    this.path = path;
    this.offset = offset;
  }

  toJSON(): StructuredOutputErrorBody {
    const body = { code: this.code, message: this.message, path: this.path };
    return this.offset === undefined ? body : { ...body, offset: this.offset };
  }
}

/** How many path parts a message shows before it elides the middle. */
const SHOWN_PARTS = 12;

/** `$.items[3].name`, for messages; long paths keep their first and last parts. */
export function formatPath(path: JsonPath): string {
  let out = '$';
  for (let k = 0; k < path.length; k++) {
    if (path.length > SHOWN_PARTS && k === SHOWN_PARTS / 2) {
      out += '…';
      k = path.length - SHOWN_PARTS / 2;
    }
    const part = path[k]!;
    if (typeof part === 'number') out += `[${part}]`;
    else
      out += /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part.length > 64 ? `${part.slice(0, 64)}…` : part)}]`;
  }
  return out;
}
