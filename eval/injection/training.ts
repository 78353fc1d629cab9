import { trainInjectionModel } from '../../scripts/lib/trainInjectionModel.js';
import { createLinearClassifier } from '../../src/scan/model/index.js';
import type { InjectionClassifier } from '../../src/scan/types.js';
import type { InjectionRow } from './rows.js';

/**
 * Trains maestro's linear classifier on `rows` the way `npm run train` does (default options and
 * seed). The dev-chosen threshold the training script stores is not used by `securityScan`.
 */
export function trainClassifier(rows: readonly InjectionRow[], id: string): InjectionClassifier {
  return createLinearClassifier(
    trainInjectionModel(
      rows.map(({ text, label }) => ({ text, label })),
      { id },
    ),
  );
}
