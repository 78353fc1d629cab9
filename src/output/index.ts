export { redactedToOriginal } from './offsets.js';
export { DEFAULT_OUTPUT_MAX_BYTES, type ScanOutputOptions, scanOutputOptionsSchema } from './options.js';
export * from './pii/index.js';
export * from './redact/index.js';
export { LEAK_REFS, SINK_REFS, UNSAFE_REFS } from './refs.js';
export { type OutputEventContext, outputRiskEvent } from './riskEvent.js';
export { REDACTION_KEY_ENV, scanOutput } from './scanOutput.js';
export * from './secrets/index.js';
export * from './stream/index.js';
export * from './structured/index.js';
export {
  type OutputMatch,
  type OutputScanResult,
  REDACTION_MODES,
  type RedactionMode,
  SINKS,
  type Sink,
} from './types.js';
export * from './unsafe/index.js';
