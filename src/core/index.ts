export type { Context } from './context.js';
export {
  CONTEXT_FIELD_MAX,
  contextProblem,
  isObjectRecord,
  isSource,
  type OptionProblem,
} from './contextCheck.js';
export type { Finding, Span } from './finding.js';
export { type FindingSummary, type MergedRefs, summariseFindings } from './findingSummary.js';
export { LANES, type Lane, strictestLane } from './lane.js';
export type { Refs } from './refs.js';
export { SEVERITIES, type Severity, severityRank } from './severity.js';
export { isIndirectSource, SOURCES, type Source } from './source.js';
export { utf8ByteLength } from './utf8.js';
