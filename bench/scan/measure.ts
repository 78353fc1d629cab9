import { type SamplerOptions, sample } from '../lib/sampler.js';
import { type Summary, summarize } from '../lib/stats.js';

/** Timings of one function on one input, or why there are none. */
export type Measurement =
  | { readonly ok: true; readonly summary: Summary }
  | { readonly ok: false; readonly error: string };

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} (${code})` : `${error.name}: ${error.message}`;
  }
  return String(error);
}

/** Samples `fn`; a throwing function is reported, not measured. */
export async function measure(fn: () => unknown, options: SamplerOptions): Promise<Measurement> {
  try {
    return { ok: true, summary: summarize(await sample(fn, options)) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
