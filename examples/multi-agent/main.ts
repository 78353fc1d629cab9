import { runMultiAgentDemo } from './demo.js';

// npm run demo:agents — prints what each agent proposed and what the executor did with it.
const report = await runMultiAgentDemo();
const width = Math.max(...report.steps.map((s) => s.says.length));
for (const step of report.steps) {
  process.stdout.write(
    `${step.agent.padEnd(10)} ${step.says.padEnd(width)}  ${step.tool.padEnd(15)} ${step.lane.padEnd(7)} ${step.status.padEnd(16)} ${step.detail}\n`,
  );
}
process.stdout.write(
  `\nrefunds paid: ${report.office.refunds.map((r) => `${r.amount} ${r.currency} to ${r.customerId}`).join(', ')}\n` +
    `delegation chain in the approved refund's receipt: ${report.refundChain.join(' → ')}\n` +
    `ledger: ${report.events} events, verification ${report.ledgerOk ? 'passed' : 'FAILED'}\n`,
);
