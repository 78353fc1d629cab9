import { existsSync } from 'node:fs';
import {
  type InjectionRow,
  type InjectionSplit,
  injectionFile,
  readInjectionSplit,
} from '../../scripts/lib/datasets.js';

/** Rows are read with the training scripts' own reader, so training and evaluation parse alike. */
export type { InjectionRow, InjectionSplit };

export function hasSplit(datasetsDir: string, split: InjectionSplit): boolean {
  return existsSync(injectionFile(split, datasetsDir));
}

export function loadSplit(datasetsDir: string, split: InjectionSplit): InjectionRow[] {
  return readInjectionSplit(split, datasetsDir);
}
