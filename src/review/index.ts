/**
 * `maestro review`: the MAESTRO seven-layer security review of an agent codebase, offline and
 * deterministic. TypeScript/JavaScript are parsed with the TypeScript compiler, Python with
 * tree-sitter; rules reason over each function's data flow, and the report is written as a
 * terminal summary, the Markdown threat matrix, versioned JSON, SARIF 2.1.0 or one HTML page.
 */
export { CHECKLIST, type ChecklistId, type ChecklistItem } from './checklist.js';
export { formatHtml } from './format/html.js';
export { formatJson, reviewReportSchema } from './format/json.js';
export { formatMarkdown } from './format/markdown.js';
export { formatSarif } from './format/sarif.js';
export { formatTerminal } from './format/terminal.js';
export {
  type ChecklistResult,
  type ChecklistStatus,
  REVIEW_REPORT_VERSION,
  type ReviewOptions,
  type ReviewReport,
  reviewRepo,
} from './reviewRepo.js';
export type { RawFinding, RepoFiles, Rule, SourceContext } from './rule.js';
export { RULES } from './rules/index.js';
export {
  deriveThreats,
  type MissingControl,
  type ThreatAnalysis,
  type ThreatInstance,
  type ThreatStatus,
} from './threatModel/deriveThreats.js';
export { threatModelMarkdown, threatModelTerminal } from './threatModel/formatThreatModel.js';
export { loadThreatModel, parseThreatModel } from './threatModel/loadThreatModel.js';
export { toMermaid } from './threatModel/mermaid.js';
export { COMPONENT_TYPES, type ThreatModel, threatModelSchema, ZONES } from './threatModel/modelSchema.js';
export { STARTER_THREAT_MODEL } from './threatModel/starter.js';
export { THREAT_CATALOG, type ThreatDefinition } from './threatModel/threatCatalog.js';
export { REVIEW_SEVERITIES, type ReviewFinding, type ReviewSeverity, type RuleMeta } from './types.js';
