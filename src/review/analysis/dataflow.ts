import { type Call, type Expr, type FunctionUnit, lastSegment, walkExpr } from '../model/sourceModel.js';

/** Member paths that hold what a client sent (HTTP frameworks of both languages). */
const SOURCE_PATHS = [
  'req.body',
  'req.query',
  'req.params',
  'req.headers',
  'request.body',
  'request.query',
  'request.params',
  'request.form',
  'request.args',
  'request.values',
  'request.data',
  'request.files',
  'request.query_params',
  'request.path_params',
  'ctx.request.body',
  'ctx.query',
  'event.body',
  'event.queryStringParameters',
  'sys.argv',
  'process.argv',
];

/** Calls whose result is untrusted: what a user typed, a request body, fetched or retrieved content. */
const SOURCE_CALLS = new Set([
  'input',
  'request.get_json',
  'request.json',
  'req.json',
  'request.formData',
  'req.formData',
  'request.text',
  'req.text',
  'sys.stdin.read',
  'readline',
]);
const SOURCE_CALL_ENDINGS = [
  '.get_relevant_documents',
  '.similarity_search',
  '.aget_relevant_documents',
  '.retrieve',
  '.load',
];
const FETCH_CALLS = new Set([
  'fetch',
  'requests.get',
  'requests.post',
  'httpx.get',
  'axios.get',
  'urllib.request.urlopen',
]);

/** Parameter names that, in agent code, carry text from users, tools or documents. */
const UNTRUSTED_PARAMS = new Set([
  'user_input',
  'userinput',
  'input',
  'input_text',
  'inputtext',
  'query',
  'question',
  'message',
  'user_message',
  'usermessage',
  'msg',
  'text',
  'content',
  'body',
  'payload',
  'comment',
  'document',
  'doc',
  'page',
  'html',
  'email',
  'user_query',
  'userquery',
  'prompt_input',
  'request',
  'req',
]);
const UNTRUSTED_TYPES = [
  'Request',
  'NextRequest',
  'IncomingMessage',
  'FastifyRequest',
  'HttpRequest',
  'WebSocket',
];

/** Decorators and wrappers whose functions take input from outside (HTTP routes) or from the model (tools). */
const ENTRY_DECORATORS = [
  '.get',
  '.post',
  '.put',
  '.patch',
  '.delete',
  '.route',
  '.websocket',
  'tool',
  '.tool',
  'function_tool',
];

export function isEntryPoint(fn: FunctionUnit): boolean {
  return fn.decorators.some((d) => ENTRY_DECORATORS.some((e) => d.callee === e || d.callee.endsWith(e)));
}

function rootOf(path: string): string {
  const at = path.search(/[.[]/);
  return at < 0 ? path : path.slice(0, at);
}

export function isSourceCall(call: Call): boolean {
  const callee = call.callee.replace(/^await /, '');
  if (SOURCE_CALLS.has(callee) || SOURCE_CALL_ENDINGS.some((e) => callee.endsWith(e))) return true;
  // fetch(url).text(), requests.get(url).text: retrieved content.
  const base = callee.replace(/\(\)\.(text|json)$/, '');
  return base !== callee && FETCH_CALLS.has(base);
}

export function isSourcePath(path: string): boolean {
  return SOURCE_PATHS.some((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
}

/** What one function's data flow says: which names hold untrusted text, and which hold it interpolated into a string. */
export interface FlowFacts {
  readonly tainted: ReadonlySet<string>;
  readonly interpolated: ReadonlySet<string>;
  /** Names holding a model's answer (the result of a model call, or a member of it). */
  readonly modelOutput: ReadonlySet<string>;
  isTainted(expr: Expr): boolean;
  /** Untrusted text spliced into a string (template, f-string, `+`, `%`, `.format`), here or through a name. */
  hasInterpolatedTaint(expr: Expr): boolean;
  isModelOutput(expr: Expr): boolean;
}

/**
 * Follows assignments through one function in order (twice, so values assigned in a loop reach
 * earlier uses): a name is tainted when its value reads a source, a tainted name or an untrusted
 * parameter; interpolated when the value splices tainted text into a string.
 */
export function analyseFlow(fn: FunctionUnit, isModelCall: (call: Call) => boolean): FlowFacts {
  const tainted = new Set<string>();
  const interpolated = new Set<string>();
  const modelOutput = new Set<string>();
  const entry = isEntryPoint(fn);
  for (const p of fn.params) {
    if (p.name === 'self' || p.name === 'cls' || p.name === 'this') continue;
    const byType = p.type !== undefined && UNTRUSTED_TYPES.some((t) => p.type?.includes(t));
    if (entry || byType || UNTRUSTED_PARAMS.has(p.name.toLowerCase())) tainted.add(p.name);
  }
  const isTainted = (expr: Expr): boolean => {
    for (const e of walkExpr(expr)) {
      if (e.kind === 'name' && tainted.has(e.name)) return true;
      if (e.kind === 'member' && (isSourcePath(e.path) || tainted.has(rootOf(e.path)) || tainted.has(e.path)))
        return true;
      if (e.kind === 'call' && isSourceCall(e.call)) return true;
    }
    return false;
  };
  const hasInterpolatedTaint = (expr: Expr): boolean => {
    for (const e of walkExpr(expr)) {
      if (e.kind === 'name' && interpolated.has(e.name)) return true;
      if (e.kind === 'interpolation' && e.parts.some((p) => p.kind !== 'string' && isTainted(p))) return true;
    }
    return false;
  };
  const isModelOutput = (expr: Expr): boolean => {
    for (const e of walkExpr(expr)) {
      if (e.kind === 'name' && modelOutput.has(e.name)) return true;
      if (e.kind === 'member' && modelOutput.has(rootOf(e.path))) return true;
      if (e.kind === 'call' && isModelCall(e.call)) return true;
    }
    return false;
  };
  for (let pass = 0; pass < 2; pass++) {
    for (const a of fn.assignments) {
      const name = a.target;
      if (isTainted(a.value)) tainted.add(name);
      if (hasInterpolatedTaint(a.value)) interpolated.add(name);
      if (isModelOutput(a.value)) modelOutput.add(name);
    }
  }
  return { tainted, interpolated, modelOutput, isTainted, hasInterpolatedTaint, isModelOutput };
}

/** Calls that send text to a model (every stack the review knows). */
const MODEL_CALL_SUFFIXES = [
  'chat.completions.create',
  'chat.completions.parse',
  'responses.create',
  'responses.parse',
  'completions.create',
  'messages.create',
  'messages.stream',
  'ChatCompletion.create',
  'generate_content',
  'generateContent',
  'initiate_chat',
  'generate_reply',
  'kickoff',
];
const MODEL_CALL_NAMES = new Set([
  'generateText',
  'streamText',
  'generateObject',
  'streamObject',
  'completion',
  'acompletion',
  'run_sync',
  'Runner.run',
  'Runner.run_sync',
  'Runner.run_streamed',
  'run',
]);
const MODEL_METHODS = new Set(['invoke', 'ainvoke', 'stream', 'astream', 'predict', 'apredict', 'batch']);

export function isModelCall(call: Call): boolean {
  const callee = call.callee;
  if (MODEL_CALL_SUFFIXES.some((s) => callee === s || callee.endsWith(`.${s}`))) return true;
  if (MODEL_CALL_NAMES.has(callee)) return callee !== 'run' || call.args.length >= 2; // run(agent, input)
  const method = lastSegment(callee);
  // llm.invoke(...), chain.invoke(...), agent.run(...): a method on an object, not a bare function.
  return (
    callee.includes('.') &&
    (MODEL_METHODS.has(method) || (method === 'run' && /agent|crew|chain|executor/i.test(callee)))
  );
}

/** Calls that build a prompt or an agent's instructions: their text arguments are prompt text. */
const PROMPT_BUILDERS = [
  'SystemMessage',
  'HumanMessage',
  'AIMessage',
  'ChatMessage',
  'SystemMessagePromptTemplate.from_template',
  'HumanMessagePromptTemplate.from_template',
  'PromptTemplate',
  'PromptTemplate.from_template',
  'ChatPromptTemplate.from_template',
  'ChatPromptTemplate.from_messages',
  'ChatPromptTemplate.fromTemplate',
  'ChatPromptTemplate.fromMessages',
  'PromptTemplate.fromTemplate',
  'Agent',
  'AssistantAgent',
  'ConversableAgent',
  'Task',
];

export function isPromptBuilder(call: Call): boolean {
  return PROMPT_BUILDERS.some((b) => call.callee === b || call.callee.endsWith(`.${b}`));
}

/** Named arguments and object keys that hold instructions (a system prompt). */
export const INSTRUCTION_KEYS = new Set([
  'instructions',
  'system',
  'system_prompt',
  'systemPrompt',
  'system_message',
  'backstory',
  'goal',
]);
