export { ERROR_CODES, type ErrorCode } from './codes.js';
export { invalidOptionsFromZod } from './invalidOptionsFromZod.js';
export {
  type ErrorPath,
  InputTooLargeError,
  InvalidInputError,
  InvalidOptionsError,
  MaestroError,
  type MaestroErrorOptions,
  type SafeErrorBody,
  UsageError,
} from './MaestroError.js';
export { toSafeError } from './toSafeError.js';
