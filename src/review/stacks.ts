import type { SourceModel } from './model/sourceModel.js';

/** Import prefixes that identify an agent stack, and the component name the matrix uses for it. */
const STACKS: ReadonlyArray<readonly [prefix: string, name: string]> = [
  ['@openai/agents', 'OpenAI Agents SDK'],
  ['agents', 'OpenAI Agents SDK'],
  ['ai', 'Vercel AI SDK'],
  ['@ai-sdk/', 'Vercel AI SDK'],
  ['@langchain/langgraph', 'LangGraph'],
  ['langgraph', 'LangGraph'],
  ['@langchain/', 'LangChain'],
  ['langchain', 'LangChain'],
  ['langchain_', 'LangChain'],
  ['crewai', 'CrewAI'],
  ['autogen', 'AutoGen'],
  ['autogen_agentchat', 'AutoGen'],
  ['@modelcontextprotocol/sdk', 'MCP server (TS SDK)'],
  ['mcp', 'MCP server (Python SDK)'],
  ['fastmcp', 'MCP server (FastMCP)'],
  ['openai', 'OpenAI SDK'],
  ['anthropic', 'Anthropic SDK'],
  ['@anthropic-ai/sdk', 'Anthropic SDK'],
  ['google.generativeai', 'Gemini SDK'],
  ['@google/generative-ai', 'Gemini SDK'],
  ['litellm', 'LiteLLM'],
];

function matches(module: string, prefix: string): boolean {
  if (prefix.endsWith('/') || prefix.endsWith('_')) return module.startsWith(prefix);
  return module === prefix || module.startsWith(`${prefix}/`) || module.startsWith(`${prefix}.`);
}

/** The agent stacks a file imports, most specific first. */
export function stacksOf(model: SourceModel): string[] {
  const found = new Set<string>();
  for (const i of model.imports) {
    if (i.module === undefined) continue;
    const hit = STACKS.find(([prefix]) => matches(i.module as string, prefix));
    if (hit !== undefined) found.add(hit[1]);
  }
  return [...found];
}
