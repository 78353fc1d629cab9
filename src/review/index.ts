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
export { REVIEW_SEVERITIES, type ReviewFinding, type ReviewSeverity, type RuleMeta } from './types.js';
