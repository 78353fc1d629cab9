/**
 * The package root: every pure module in one import. Subpath exports (`maestro/scan`,
 * `maestro/output`, …) keep an application that needs only one of them lighter.
 */
export * from './core/index.js';
export * from './errors/index.js';
export * from './output/index.js';
export * from './scan/index.js';
export * from './schemas/index.js';
export * from './taxonomy/index.js';
