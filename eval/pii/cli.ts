/** `npx tsx eval/pii/cli.ts`: runs the PII evaluation alone and prints its tables (docs untouched). */
import { runPiiEval } from './index.js';

const { table } = await runPiiEval();
console.log(table);
