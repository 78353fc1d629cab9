/**
 * The zod schemas of maestro's public inputs, in one place (`maestro/schemas`): for composing
 * with your own schemas or exporting JSON Schema. The scanner validates its options without zod
 * so that importing it stays cheap; property tests hold those checks to these schemas.
 * (This folder reads the schema modules by path: it is the one place that gathers them.)
 */
export { contextSchema, sourceSchema } from '../core/contextSchema.js';
export { scanOutputOptionsSchema } from '../output/options.js';
export { FeatureConfigSchema, ModelFileSchema } from '../scan/model/modelFileSchema.js';
export { scanOptionsSchema } from '../scan/optionsSchema.js';
