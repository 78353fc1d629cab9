/** What `maestro threat-model --init` writes: a small design to edit, one of each common part. */
export const STARTER_THREAT_MODEL = `# Threat model for a multi-agent system: edit the components, flows and controls,
# then run \`maestro threat-model maestro-threat-model.yaml --format md\`.
# Component types: user_interface, agent_gateway, agent_registry, agent, tool, mcp_server,
#   knowledge_source, memory, model, store, external_service, monitoring.
# Zones (a flow between two zones crosses a trust boundary): internet, dmz, internal,
#   restricted, third_party. Controls: C1–C23 (see docs/review.md).
name: My agent system
components:
  - { id: web, name: Web chat, type: user_interface, zone: internet }
  - { id: gateway, name: Agent gateway (maestro serve), type: agent_gateway, zone: dmz, controls: [C2, C4, C6] }
  - { id: assistant, name: Support agent, type: agent, zone: internal, controls: [C22] }
  - { id: llm, name: LLM API, type: model, zone: third_party }
  - { id: tickets, name: Ticket tool, type: tool, zone: internal, capabilities: [read, write] }
  - { id: kb, name: Help-centre articles, type: knowledge_source, zone: internal }
flows:
  - { from: web, to: gateway, data: user messages, authenticated: true, encrypted: true }
  - { from: gateway, to: assistant, data: scanned messages, authenticated: true, encrypted: true }
  - { from: assistant, to: llm, data: prompts, encrypted: true }
  - { from: assistant, to: tickets, data: tool calls }
  - { from: kb, to: assistant, data: retrieved articles }
  - { from: assistant, to: gateway, data: answers, authenticated: true, encrypted: true }
  - { from: gateway, to: web, data: answers, encrypted: true }
controls: [C9, C13]
`;
