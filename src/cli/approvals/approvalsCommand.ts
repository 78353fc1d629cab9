import type { Command } from 'commander';
import { UsageError } from '../../errors/index.js';
import {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  createApprovalDesk,
  createKillSwitch,
} from '../../exec/index.js';
import type { Ledger } from '../../ledger/index.js';
import { type LedgerLocation, withLedger } from '../ledger/openLedger.js';

type Run = (code: Promise<number>) => void;

interface DeskOptions {
  tenant: string;
  dataDir?: string;
  databaseUrl?: string;
  format: string;
}

const STATUSES: readonly ApprovalStatus[] = APPROVAL_STATUSES;

function location(o: DeskOptions): LedgerLocation {
  return {
    ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }),
    ...(o.databaseUrl === undefined ? {} : { databaseUrl: o.databaseUrl }),
  };
}

function format(o: DeskOptions): 'json' | 'table' {
  if (o.format !== 'json' && o.format !== 'table') throw new UsageError('--format must be json or table.');
  return o.format;
}

function statuses(value: string | undefined): ApprovalStatus[] {
  if (value === undefined) return ['pending'];
  const list = value.split(',').map((s) => s.trim());
  for (const s of list) {
    if (!(STATUSES as readonly string[]).includes(s)) {
      throw new UsageError(`--status must be a comma-separated list of ${STATUSES.join(', ')}.`);
    }
  }
  return list as ApprovalStatus[];
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `maestro approvals list`: pending requests (or others) and the overflow summary. */
export async function runList(
  o: DeskOptions & { status?: string; limit?: string },
  ledger?: Ledger,
): Promise<number> {
  const output = format(o);
  const wanted = statuses(o.status);
  const limit = o.limit === undefined ? 100 : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be 1 to 500.');
  const page = await within(o, ledger, (l) =>
    createApprovalDesk(l).list(o.tenant, { status: wanted, limit }),
  );
  if (output === 'json') {
    print(JSON.stringify(page));
    return 0;
  }
  if (page.items.length === 0) print(`No ${wanted.join('/')} approval requests in tenant ${o.tenant}.`);
  for (const item of page.items) {
    print(
      `${item.id}  ${item.status.padEnd(9)} ${item.tool}  requested by ${item.requester}  (${item.reasons.join(', ') || 'policy'})  expires ${item.expiresAt}`,
    );
  }
  for (const o2 of page.overflow) {
    print(
      `+ ${o2.suppressed} more ${o2.tool} requests from ${o2.requester} were refused while the queue was full (${new Date(o2.firstAt).toISOString()} – ${new Date(o2.lastAt).toISOString()})`,
    );
  }
  return 0;
}

export async function runShow(id: string, o: DeskOptions, ledger?: Ledger): Promise<number> {
  const output = format(o);
  const detail = await within(o, ledger, (l) => createApprovalDesk(l).get(o.tenant, id));
  if (output === 'json') print(JSON.stringify(detail));
  else {
    print(`${detail.id}: ${detail.tool}, ${detail.status}`);
    print(
      `  requested by ${detail.requester}${detail.agentId === null ? '' : ` (agent ${detail.agentId})`}${detail.delegated ? ', under a delegation grant' : ''}`,
    );
    print(`  why a person: ${detail.reasons.join(', ') || 'policy'}`);
    print(`  arguments (sha-256 ${detail.argsHash}):`);
    print(`  ${JSON.stringify(detail.args, null, 2).replaceAll('\n', '\n  ')}`);
    print(
      `  created ${detail.createdAt}, expires ${detail.expiresAt}${detail.approver === null ? '' : `, decided by ${detail.approver}`}`,
    );
  }
  return 0;
}

export async function runDecide(
  id: string,
  approve: boolean,
  o: DeskOptions & { approver: string; note?: string },
  ledger?: Ledger,
): Promise<number> {
  const output = format(o);
  const view = await within(o, ledger, (l) => {
    const desk = createApprovalDesk(l);
    const by = { approver: o.approver, ...(o.note === undefined ? {} : { note: o.note }) };
    return approve ? desk.approve(o.tenant, id, by) : desk.deny(o.tenant, id, by);
  });
  print(output === 'json' ? JSON.stringify(view) : `${view.id}: ${view.status} by ${o.approver}.`);
  return 0;
}

export async function runKillSwitch(
  action: string,
  o: DeskOptions & { actor?: string; reason?: string },
  ledger?: Ledger,
): Promise<number> {
  const output = format(o);
  if (action !== 'status' && action !== 'engage' && action !== 'release') {
    throw new UsageError('The action must be status, engage or release.');
  }
  if (action !== 'status' && (o.actor === undefined || o.reason === undefined)) {
    throw new UsageError(`kill-switch ${action} needs --actor and --reason.`);
  }
  const state = await within(o, ledger, async (l) => {
    const killSwitch = createKillSwitch(l, Date.now, 0);
    if (action === 'engage')
      await killSwitch.engage(o.tenant, { actor: o.actor ?? '', reason: o.reason ?? '' });
    if (action === 'release')
      await killSwitch.release(o.tenant, { actor: o.actor ?? '', reason: o.reason ?? '' });
    return killSwitch.state(o.tenant);
  });
  if (output === 'json') print(JSON.stringify({ tenant: o.tenant, ...state }));
  else {
    print(
      state.engaged
        ? `Kill switch of tenant ${o.tenant} is ENGAGED (by ${state.actor}: ${state.reason}); every tool call with a side effect waits for approval.`
        : `Kill switch of tenant ${o.tenant} is off.`,
    );
  }
  return 0;
}

/** Uses the given ledger (tests) or opens the one the flags name and closes it after. */
function within<T>(
  o: DeskOptions,
  ledger: Ledger | undefined,
  fn: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  return ledger === undefined ? withLedger(location(o), fn) : fn(ledger);
}

function common(command: Command): Command {
  return command
    .requiredOption('--tenant <id>', 'the tenant')
    .option('--data-dir <dir>', 'embedded store directory (default MAESTRO_DATA_DIR or ./.maestro)')
    .option('--database-url <url>', 'PostgreSQL instead of the embedded store (default MAESTRO_DATABASE_URL)')
    .option('--format <format>', 'table or json', 'table');
}

export function registerApprovalsCommand(program: Command, run: Run): void {
  const approvals = program
    .command('approvals')
    .description('The approver’s desk: list, show, approve or deny tool calls waiting for a person (C3).');
  common(approvals.command('list').description('Requests waiting for a decision, and the overflow summary.'))
    .option('--status <list>', 'comma-separated statuses (default pending)')
    .option('--limit <n>', 'at most this many (1–500)')
    .action((o: DeskOptions & { status?: string; limit?: string }) => run(runList(o)));
  common(approvals.command('show').argument('<id>').description('One request with its arguments.')).action(
    (id: string, o: DeskOptions) => run(runShow(id, o)),
  );
  for (const [name, approve] of [
    ['approve', true],
    ['deny', false],
  ] as const) {
    common(
      approvals
        .command(name)
        .argument('<id>')
        .description(`${name === 'approve' ? 'Approve' : 'Deny'} a pending request.`),
    )
      .requiredOption('--approver <principal>', 'who decides (never the requester)')
      .option('--note <text>', 'why')
      .action((id: string, o: DeskOptions & { approver: string; note?: string }) =>
        run(runDecide(id, approve, o)),
      );
  }
  common(
    program
      .command('kill-switch')
      .argument('<action>', 'status, engage or release')
      .description('A tenant’s kill switch: engaged, every tool call with a side effect waits for approval.'),
  )
    .option('--actor <principal>', 'who throws the switch')
    .option('--reason <text>', 'why (logged)')
    .action((action: string, o: DeskOptions & { actor?: string; reason?: string }) =>
      run(runKillSwitch(action, o)),
    );
}
