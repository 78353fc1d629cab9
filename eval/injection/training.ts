import { withCodeSnippets } from '../../scripts/lib/codeSnippets.js';
import { REPO_ROOT } from '../../scripts/lib/datasets.js';
import { trainInjectionModel } from '../../scripts/lib/trainInjectionModel.js';
import { createLinearClassifier } from '../../src/scan/model/index.js';
import type { InjectionClassifier } from '../../src/scan/types.js';
import type { InjectionRow } from './rows.js';

/**
 * Trains maestro's linear classifier on `rows` the way `npm run train` does (default options and
 * seed, plus the same benign code snippets). The dev-chosen threshold the training script stores is not used by `securityScan`.
 */
export function trainClassifier(rows: readonly InjectionRow[], id: string): InjectionClassifier {
  return createLinearClassifier(trainInjectionModel(withCodeSnippets(rows, REPO_ROOT), { id }));
}
