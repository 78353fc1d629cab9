import type { LayerId } from '../taxonomy/ids.js';

/** One item of the seven-layer checklist or of the plugin checklist the review tests. */
export interface ChecklistItem {
  readonly id: string;
  readonly layer: LayerId;
  readonly text: string;
}

/**
 * The MAESTRO seven-layer check (three items a layer) and the plugin security checklist, as the
 * review skill states them. Rules name the item they test; an item no rule tests is reported
 * as needing a manual check, never as passed.
 */
export const CHECKLIST = [
  { id: 'L1.1', layer: 1, text: 'No user-controlled text reaches a model prompt unseparated' },
  {
    id: 'L1.2',
    layer: 1,
    text: 'Structured (schema-typed) outputs instead of free text where code consumes them',
  },
  { id: 'L1.3', layer: 1, text: 'No sensitive data in model training or tuning' },
  { id: 'L2.1', layer: 2, text: 'All inputs validated with typed schemas' },
  { id: 'L2.2', layer: 2, text: 'Type safety enforced at boundaries' },
  { id: 'L2.3', layer: 2, text: 'Logic bugs prevented by typed interfaces' },
  { id: 'L3.1', layer: 3, text: 'Timeouts configured for external services' },
  {
    id: 'L3.2',
    layer: 3,
    text: 'Graceful degradation on service failures (retries with backoff, circuit breakers)',
  },
  { id: 'L3.3', layer: 3, text: 'API keys from environment variables or a secret manager only' },
  { id: 'L4.1', layer: 4, text: 'Structured logging (no log injection)' },
  { id: 'L4.2', layer: 4, text: 'No prompts, secrets or PII in default log output' },
  { id: 'L4.3', layer: 4, text: 'Trace data integrity protected' },
  { id: 'L5.1', layer: 5, text: 'Per-component timeout and step bounds' },
  { id: 'L5.2', layer: 5, text: 'Stateless design (no race conditions)' },
  { id: 'L5.3', layer: 5, text: 'Resource limits configured (bounded loops and collections)' },
  { id: 'L6.1', layer: 6, text: 'Container isolation (non-root, read-only filesystem)' },
  { id: 'L6.2', layer: 6, text: '.env files excluded from version control; no hard-coded secrets' },
  { id: 'L6.3', layer: 6, text: 'No shell or code execution and no file paths built from input' },
  { id: 'L7.1', layer: 7, text: 'Explicit execution ordering (not configurable)' },
  { id: 'L7.2', layer: 7, text: 'Registry with type checking (not mutable at run time)' },
  {
    id: 'L7.3',
    layer: 7,
    text: 'Static imports (no dynamic loading); tool descriptions free of hidden instructions',
  },
] as const satisfies readonly ChecklistItem[];

export type ChecklistId = (typeof CHECKLIST)[number]['id'];
