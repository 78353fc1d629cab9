export { decodeBase64Text, findBase64Runs } from './base64.js';
export { decodeEscapes, type EscapeDecoded } from './escapes.js';
export {
  DEFAULT_EXPAND_LIMITS,
  type EncodingKind,
  type ExpandLimits,
  expandForDetection,
  type ScanUnit,
} from './expand.js';
export { findHexText } from './hex.js';
export { bytesToText } from './looksLikeText.js';
