export { isSpace, isUnspacedScript, isWordUnit } from './charClass.js';
export { foldCodePoint } from './fold.js';
export {
  decodeTagCharacter,
  isBidiControl,
  isControl,
  isInvisible,
  isTagCharacter,
  REMOVABLE_BIDI,
  REMOVABLE_CONTROL,
  REMOVABLE_INVISIBLE,
  REMOVABLE_NONE,
  REMOVABLE_TAG,
  removableKind,
} from './invisible.js';
export {
  lazyMappedText,
  MAX_EXPANSION,
  type MappedText,
  type NormalisedSpan,
  normaliseForDetection,
  normaliseText,
  type OriginalSpan,
  toOriginalSpan,
  toOriginalSpans,
} from './normalise.js';
