/** Stable error codes. Callers switch on these; they never change meaning once published. */
export const ERROR_CODES = {
  ERR_INPUT_TOO_LARGE: 'The input is larger than the configured ceiling.',
  ERR_INVALID_INPUT: 'The input is not a string or a well-formed list of chat messages.',
  ERR_INVALID_OPTIONS: 'The options are not valid.',
  ERR_SCAN_FAILED: 'The scan could not complete; the input was blocked.',
  ERR_OUTPUT_BLOCKED: 'The output was stopped by the output guard.',
  ERR_OUTPUT_SCAN_FAILED: 'The output guard could not complete; the output was withheld.',
  ERR_LEDGER_INVALID_EVENT: 'The risk event is not valid; nothing was written.',
  ERR_LEDGER_BACKPRESSURE: 'The ledger write queue is full; retry after the pending events are committed.',
  ERR_LEDGER_UNAVAILABLE:
    'The ledger store could not be reached or refused the write; the event was not recorded.',
  ERR_LEDGER_CLOSED: 'The ledger is closed.',
  ERR_LEDGER_KEY: 'The ledger signing key is missing, unreadable or not an Ed25519 key.',
  ERR_LEDGER_NOT_FOUND: 'No such event or tree head in the ledger.',
  ERR_LEDGER_TAMPERED:
    'The ledger failed verification: an event or tree head was changed, removed, reordered or forged.',
  ERR_EXPORT_FAILED:
    'The export destination refused or did not take the events; the export cursor was not advanced.',
  ERR_POLICY_INVALID: 'The policy set or its schema is not valid; the policy engine was not started.',
  ERR_POLICY_EVALUATION: 'The policy decision could not be evaluated; the request was denied.',
  ERR_USAGE: 'The command was called incorrectly.',
  ERR_INTERNAL: 'An internal error occurred.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
