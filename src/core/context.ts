import type { Source } from './source.js';

/** Who is asking, on whose behalf, and where the text came from. */
export interface Context {
  readonly tenantId: string;
  readonly traceId?: string;
  readonly principal?: string;
  readonly agentId?: string;
  readonly source: Source;
}
