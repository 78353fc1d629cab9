import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unknownRefIds } from '../../taxonomy/index.js';
import { deriveThreats } from './deriveThreats.js';
import { threatModelMarkdown } from './formatThreatModel.js';
import { parseThreatModel } from './loadThreatModel.js';
import { toMermaid } from './mermaid.js';
import { STARTER_THREAT_MODEL } from './starter.js';
import { THREAT_CATALOG } from './threatCatalog.js';

const REFERENCE = fileURLToPath(new URL('../../../examples/reference-architecture.yaml', import.meta.url));

const model = (yaml: string) => parseThreatModel('m.yaml', yaml);
const statusOf = (yaml: string, threat: string) =>
  deriveThreats(model(yaml))
    .threats.filter((t) => t.threat === threat)
    .map((t) => [t.where, t.status]);

describe('threat-model: the engine', () => {
  it('cites only taxonomy ids, and keeps exactly the reference model’s controls for T1–T7', () => {
    for (const t of THREAT_CATALOG) expect(unknownRefIds(t.refs), t.id).toEqual([]);
    const reference = Object.fromEntries(
      THREAT_CATALOG.filter((t) => /^T\d$/.test(t.id)).map((t) => [t.id, t.controls]),
    );
    expect(reference).toEqual({
      T1: ['C1', 'C2', 'C3'],
      T2: ['C4', 'C5'],
      T3: ['C6', 'C7'],
      T4: ['C19', 'C23'],
      T5: ['C8', 'C9', 'C10'],
      T6: ['C11', 'C12'],
      T7: ['C5', 'C13'],
    });
  });

  const base = `
name: t
components:
  - { id: ui, name: UI, type: user_interface, zone: internet }
  - { id: agent, name: Agent, type: agent, zone: internal }
flows:
  - { from: ui, to: agent, data: prompts }
`;

  it('marks a threat open, partial or mitigated by the controls in place on the component, the flow or the system', () => {
    expect(statusOf(base, 'T1')).toEqual([['ui → agent (prompts)', 'open']]);
    expect(
      statusOf(
        base.replace('type: agent, zone: internal }', 'type: agent, zone: internal, controls: [C1] }'),
        'T1',
      ),
    ).toEqual([['ui → agent (prompts)', 'partial']]);
    expect(statusOf(`${base}controls: [C1, C2, C3]\n`, 'T1')).toEqual([
      ['ui → agent (prompts)', 'mitigated'],
    ]);
  });

  it('finds a gateway bypass when a user reaches an agent without a gateway, and not when the gateway is the only way in', () => {
    expect(statusOf(base, 'T6')).toEqual([['ui → agent (prompts)', 'open']]);
    const gated = `
name: t
components:
  - { id: ui, name: UI, type: user_interface, zone: internet }
  - { id: gw, name: Gateway, type: agent_gateway, zone: dmz }
  - { id: agent, name: Agent, type: agent, zone: internal }
flows:
  - { from: ui, to: gw, data: prompts }
  - { from: gw, to: agent, data: prompts, authenticated: true, encrypted: true }
`;
    expect(statusOf(gated, 'T6')).toEqual([]);
    expect(statusOf(gated, 'T7')).toEqual([['gw', 'open']]);
  });

  it('derives agentic threats from the parts present: tools, code execution, delegation, knowledge sources', () => {
    const yaml = `
name: t
components:
  - { id: a, name: A, type: agent }
  - { id: b, name: B, type: agent }
  - { id: sandbox, name: Sandbox, type: tool, capabilities: [code_execution] }
  - { id: kb, name: KB, type: knowledge_source }
flows:
  - { from: a, to: b, data: tasks }
  - { from: b, to: sandbox, data: code }
  - { from: kb, to: a, data: documents }
`;
    const ids = new Set(deriveThreats(model(yaml)).threats.map((t) => t.threat));
    for (const id of ['ASI-T2', 'ASI-T3', 'ASI-T11', 'ASI-T1', 'ASI-T13', 'ASI-T4', 'ASI-T8'])
      expect(ids.has(id), id).toBe(true);
  });

  it('ranks missing controls by the weight of the threats they close', () => {
    const analysis = deriveThreats(model(readFileSync(REFERENCE, 'utf8')));
    const weights = analysis.missingControls.map((m) => m.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    expect(analysis.summary.open + analysis.summary.partial + analysis.summary.mitigated).toBe(
      analysis.threats.length,
    );
    expect(analysis.summary.mitigated).toBeGreaterThan(0);
    expect(analysis.summary.open).toBeGreaterThan(0);
  });
});

describe('threat-model: files and outputs', () => {
  it('refuses unknown keys, unknown controls, duplicate ids and flows to nowhere, naming the key', () => {
    expect(() => model('name: x\ncomponents:\n  - { id: a, name: A, type: agent, colour: red }\n')).toThrow(
      /components\.0\.colour: unknown key/,
    );
    expect(() =>
      model('name: x\ncomponents:\n  - { id: a, name: A, type: agent, controls: [C99] }\n'),
    ).toThrow(/components\.0\.controls\.0/);
    expect(() =>
      model(
        'name: x\ncomponents:\n  - { id: a, name: A, type: agent }\n  - { id: a, name: B, type: agent }\n',
      ),
    ).toThrow(/duplicate component id a/);
    expect(() =>
      model(
        'name: x\ncomponents:\n  - { id: a, name: A, type: agent }\nflows:\n  - { from: a, to: b, data: x }\n',
      ),
    ).toThrow(/flows\.0\.to: no component b/);
    expect(() => model('name: [unclosed')).toThrow(/cannot be parsed/);
  });

  it('the starter and the reference architecture are valid models', () => {
    expect(model(STARTER_THREAT_MODEL).components.length).toBeGreaterThan(3);
    expect(model(readFileSync(REFERENCE, 'utf8')).components.length).toBeGreaterThan(10);
  });

  it('writes a Mermaid diagram with one subgraph per trust zone and the matrix as Markdown', () => {
    const m = model(readFileSync(REFERENCE, 'utf8'));
    const mermaid = toMermaid(m);
    expect(mermaid.startsWith('flowchart LR')).toBe(true);
    for (const zone of new Set(m.components.map((c) => c.zone)))
      expect(mermaid).toContain(`subgraph ${zone}[`);
    expect(mermaid).toContain('web_app ==>|"user prompts"| gateway');
    const md = threatModelMarkdown(m, deriveThreats(m));
    expect(md).toContain('| Layer | Component | Threat | Severity | Mitigation | Status |');
    expect(md).toContain('```mermaid');
    expect(md).toContain('## Missing controls, most needed first');
  });

  it('keeps labels from breaking the diagram', () => {
    const m = model('name: x\ncomponents:\n  - { id: a, name: "A \\"quoted\\" <b>", type: agent }\n');
    expect(toMermaid(m)).toContain(`a["A 'quoted' 'b'"]`);
  });
});
