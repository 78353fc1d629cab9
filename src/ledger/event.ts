/** Risk events: the schema of what callers pass and of what is stored, and how one becomes the other. */
export { ATTRIBUTE_LIMITS, type AttributeObject, type AttributeValue } from './attributes.js';
export {
  type BuildAt,
  buildRiskEvent,
  eventLeafHash,
  PREVIEW_READ_LIMIT,
  payloadHashOf,
  REDACTION_FAILED_PREVIEW,
} from './buildRiskEvent.js';
export { type EventProblem, parseRiskEvent, riskEventProblem } from './eventCheck.js';
export { createEventIdFactory, ULID_PATTERN } from './eventId.js';
export { type EventRefs, eventRefsFromFinding, normaliseRefs } from './eventRefs.js';
export {
  EVENT_LIMITS,
  EVENT_VERSION,
  type EventActor,
  RISK_EVENT_TYPES,
  type RiskEvent,
  type RiskEventInput,
  type RiskEventType,
  riskEventInputSchema,
  riskEventSchema,
} from './eventSchema.js';
export type { PreviewRedactor } from './preview.js';
