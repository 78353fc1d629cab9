import { PIIEntity, pii } from '@openai/guardrails';
import { occurrences, type SpanDetector } from '../detector.js';
import { type EvalEntity, OPENAI_TO_DATASET } from '../mapping.js';
import type { PredictedSpan } from '../score.js';

/** The `info` fields of a guardrail result this evaluation reads. */
interface PiiInfo {
  readonly detected_entities?: Record<string, readonly string[]>;
}

/** Every entity except NRP ("any two words"); PERSON is enabled although it is off by default. */
const ENTITIES = Object.values(PIIEntity).filter((entity) => entity !== PIIEntity.NRP);

/**
 * @openai/guardrails `pii` check (regex engine, runs offline) called directly as a check function.
 * It reports detected values per entity, not offsets, so every occurrence of a reported value in
 * the text becomes a span (this can only help the peer).
 */
export function openaiDetector(version: string): SpanDetector {
  const supports = [...new Set(Object.values(OPENAI_TO_DATASET))];
  return {
    name: 'openai-guardrails',
    description: `@openai/guardrails ${version}, \`pii(ctx, text, { entities: all but NRP (PERSON on), block: false, detect_encoded_pii: false })\`; values mapped back to every occurrence`,
    supports,
    async detect(text) {
      if (text.trim().length === 0) return [];
      const result = await pii({}, text, { entities: ENTITIES, block: false, detect_encoded_pii: false });
      const info = result.info as PiiInfo;
      const normalized = text.normalize('NFKC');
      const spans: PredictedSpan[] = [];
      for (const [entity, values] of Object.entries(info.detected_entities ?? {})) {
        const type: EvalEntity | undefined = OPENAI_TO_DATASET[entity];
        if (!type) continue;
        for (const value of values) {
          let starts = occurrences(text, value);
          if (starts.length === 0) starts = occurrences(normalized, value);
          for (const start of starts) spans.push({ type, start, end: start + value.length });
        }
      }
      return spans;
    },
  };
}
