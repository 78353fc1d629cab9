/**
 * Cleanups that must run even when the run is interrupted (Ctrl-C): temporary data directories
 * and throwaway databases. Normal and failed runs clean up in `finally`; this covers signals.
 */
const pending = new Set<() => Promise<void>>();
let installed = false;

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  process.stderr.write(`\n[ledger] ${signal}: cleaning up…\n`);
  await Promise.allSettled([...pending].map((cleanup) => cleanup()));
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Registers `cleanup` until the returned function is called (which runs it, once). */
export function onInterrupt(cleanup: () => Promise<void>): () => Promise<void> {
  if (!installed) {
    installed = true;
    process.once('SIGINT', (s) => void onSignal(s));
    process.once('SIGTERM', (s) => void onSignal(s));
  }
  let done: Promise<void> | undefined;
  const once = () => {
    done ??= cleanup();
    return done;
  };
  pending.add(once);
  return async () => {
    try {
      await once();
    } finally {
      pending.delete(once);
    }
  };
}
