export {
  checkStructuredOutput,
  type StructuredFinding,
  type StructuredOutputOptions,
  type StructuredOutputResult,
} from './checkStructuredOutput.js';
export {
  type JsonPath,
  STRUCTURED_OUTPUT_ERROR_CODES,
  StructuredOutputError,
  type StructuredOutputErrorBody,
  type StructuredOutputErrorCode,
} from './errors.js';
export { stripJsonFence, type Unfenced } from './fence.js';
export {
  DEFAULT_JSON_MAX_BYTES,
  DEFAULT_JSON_MAX_DEPTH,
  type DroppedKey,
  type JsonLimits,
  type JsonObject,
  type JsonParseReport,
  type JsonString,
  type JsonValue,
  parseJsonStrict,
  parseJsonWithReport,
} from './parseJsonStrict.js';
