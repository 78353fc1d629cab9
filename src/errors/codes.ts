/** Stable error codes. Callers switch on these; they never change meaning once published. */
export const ERROR_CODES = {
  ERR_INPUT_TOO_LARGE: 'The input is larger than the configured ceiling.',
  ERR_INVALID_INPUT: 'The input is not a string or a well-formed list of chat messages.',
  ERR_INVALID_OPTIONS: 'The options are not valid.',
  ERR_SCAN_FAILED: 'The scan could not complete; the input was blocked.',
  ERR_OUTPUT_BLOCKED: 'The output was stopped by the output guard.',
  ERR_OUTPUT_SCAN_FAILED: 'The output guard could not complete; the output was withheld.',
  ERR_USAGE: 'The command was called incorrectly.',
  ERR_INTERNAL: 'An internal error occurred.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
