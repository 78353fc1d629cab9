export {
  createOutputGuard,
  createOutputStream,
  type GuardedOutputStream,
  type OutputGuard,
  type OutputStreamOptions,
  type OutputStreamReport,
} from './createOutputStream.js';
export { OutputBlockedError } from './OutputBlockedError.js';
