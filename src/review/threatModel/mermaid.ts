import type { ComponentType, ThreatModel } from './modelSchema.js';

const SHAPES: Record<ComponentType, [string, string]> = {
  user_interface: ['([', '])'],
  agent_gateway: ['{{', '}}'],
  agent_registry: ['[(', ')]'],
  agent: ['[', ']'],
  tool: ['[/', '/]'],
  mcp_server: ['[/', '/]'],
  knowledge_source: ['[(', ')]'],
  memory: ['[(', ')]'],
  model: ['((', '))'],
  store: ['[(', ')]'],
  external_service: ['>', ']'],
  monitoring: ['[[', ']]'],
};

/** Text safe inside a quoted Mermaid label. */
const label = (text: string) =>
  text
    .replace(/["<>`]/g, "'")
    .replace(/\n/g, ' ')
    .slice(0, 80);

/** The data-flow diagram: one subgraph per trust zone (its edge is the trust boundary), edges labelled with the data. */
export function toMermaid(model: ThreatModel): string {
  const lines = ['flowchart LR'];
  const zones = [...new Set(model.components.map((c) => c.zone))];
  for (const zone of zones) {
    lines.push(`  subgraph ${zone}["${label(zone)} zone"]`);
    for (const c of model.components.filter((x) => x.zone === zone)) {
      const [open, close] = SHAPES[c.type];
      lines.push(`    ${c.id}${open}"${label(c.name)}"${close}`);
    }
    lines.push('  end');
  }
  for (const f of model.flows) {
    const arrow = f.authenticated && f.encrypted ? '==>' : '-->';
    lines.push(`  ${f.from} ${arrow}|"${label(f.data)}"| ${f.to}`);
  }
  return lines.join('\n');
}
