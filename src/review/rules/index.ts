import type { Rule } from '../rule.js';
import { agentRunWithoutTimeout } from './agentRunWithoutTimeout.js';
import { clientWithoutTimeout } from './clientWithoutTimeout.js';
import { commandInjection } from './commandInjection.js';
import { configuredExecutionOrder } from './configuredExecutionOrder.js';
import { credentialLiteral } from './credentialLiteral.js';
import { dockerfileRoot } from './dockerfileRoot.js';
import { dynamicLoading } from './dynamicLoading.js';
import { envFileTracked } from './envFileTracked.js';
import { hardcodedSecret } from './hardcodedSecret.js';
import { logInjection } from './logInjection.js';
import { modelOutputToSink } from './modelOutputToSink.js';
import { mutableToolRegistry } from './mutableToolRegistry.js';
import { noRetryBackoff } from './noRetryBackoff.js';
import { noStructuredLogger } from './noStructuredLogger.js';
import { pathTraversal } from './pathTraversal.js';
import { poisonedToolDescription } from './poisonedToolDescription.js';
import { promptInjectionFlow } from './promptInjectionFlow.js';
import { sensitiveLogging } from './sensitiveLogging.js';
import { sqlInterpolation } from './sqlInterpolation.js';
import { toolDescriptionMutation } from './toolDescriptionMutation.js';
import { toolReturnsExternalContent } from './toolReturnsExternalContent.js';
import { toolWithoutSchema } from './toolWithoutSchema.js';
import { unboundedAgentLoop } from './unboundedAgentLoop.js';
import { unboundedCollection } from './unboundedCollection.js';
import { untypedToolParams } from './untypedToolParams.js';
import { unvalidatedJsonParse } from './unvalidatedJsonParse.js';
import { writableContainerFilesystem } from './writableContainerFilesystem.js';

/** Every rule of `maestro review`, in layer order: a frozen list wired by static imports. */
export const RULES: readonly Rule[] = Object.freeze([
  promptInjectionFlow,
  modelOutputToSink,
  toolReturnsExternalContent,
  untypedToolParams,
  toolWithoutSchema,
  unvalidatedJsonParse,
  clientWithoutTimeout,
  noRetryBackoff,
  credentialLiteral,
  logInjection,
  sensitiveLogging,
  noStructuredLogger,
  unboundedAgentLoop,
  agentRunWithoutTimeout,
  unboundedCollection,
  hardcodedSecret,
  envFileTracked,
  dockerfileRoot,
  commandInjection,
  pathTraversal,
  sqlInterpolation,
  writableContainerFilesystem,
  dynamicLoading,
  mutableToolRegistry,
  poisonedToolDescription,
  toolDescriptionMutation,
  configuredExecutionOrder,
]);
