/**
 * Bounds the auth_failed events a flood of bad credentials can cause: at most `perWindow` events
 * per window, then one summary with the count of the rest when the window ends.
 */
export function createFailureBudget(perWindow: number, windowMs: number, clock: () => number = Date.now) {
  let windowStart = clock();
  let count = 0;
  let suppressed = 0;
  return {
    /** Whether to log this failure; `carried` is how many were suppressed in the window before. */
    take(): { log: boolean; carried: number } {
      const now = clock();
      let carried = 0;
      if (now - windowStart >= windowMs) {
        carried = suppressed;
        windowStart = now;
        count = 0;
        suppressed = 0;
      }
      if (count < perWindow) {
        count++;
        return { log: true, carried };
      }
      suppressed++;
      return { log: false, carried };
    },
  };
}
