#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version.js';
import { toSafeError } from '../errors/index.js';
import { registerApprovalsCommand } from './approvals/approvalsCommand.js';
import { runDemo } from './demo/runDemo.js';
import { registerLedgerCommand } from './ledger/ledgerCommand.js';
import { registerMcpCommand } from './mcp/mcpCommand.js';
import { registerPolicyCommand } from './policy/policyCommand.js';
import { registerReviewCommand } from './review/reviewCommand.js';
import { registerScanCommand } from './scan/scanCommand.js';
import { registerScanOutputCommand } from './scanOutput/scanOutputCommand.js';
import { registerServeCommand } from './serve/serveCommand.js';
import { registerThreatModelCommand } from './threatModel/threatModelCommand.js';

/** Reports an error the way every command does: code and safe message, never a stack. */
function fail(error: unknown): void {
  const safe = toSafeError(error);
  process.stderr.write(`maestro: ${safe.code}: ${safe.message}\n`);
  process.exitCode = 1;
}

function run(code: Promise<number>): void {
  code.then(
    (value) => {
      process.exitCode = value;
    },
    (error: unknown) => fail(error),
  );
}

const program = new Command()
  .name('maestro')
  .description('Security layer for multi-agent LLM systems (MAESTRO seven-layer controls).')
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError();

registerScanCommand(program, run);
registerScanOutputCommand(program, run);
registerLedgerCommand(program, run);
registerPolicyCommand(program, run);
registerApprovalsCommand(program, run);
registerServeCommand(program, run);
registerMcpCommand(program, run);
registerReviewCommand(program, run);
registerThreatModelCommand(program, run);
program
  .command('demo')
  .description('Scan the shipped examples and show the lane of each (what `npm start` runs).')
  .action(() => run(runDemo()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 1;
  } else {
    fail(error);
  }
}
