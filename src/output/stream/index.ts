export {
  createOutputStream,
  type GuardedOutputStream,
  type OutputStreamOptions,
  type OutputStreamReport,
} from './createOutputStream.js';
export { OutputBlockedError } from './OutputBlockedError.js';
