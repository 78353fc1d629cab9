/**
 * The gateway (`maestro serve`): the library's controls at the network boundary (C2 inspection
 * gateway, C4 authentication, C6 rate limits, C7 request filtering), on Fastify.
 */
export {
  API_KEY_ROLES,
  type ApiKeyIdentity,
  type ApiKeyRole,
  type ApiKeyStore,
  createApiKeyStore,
  generateApiKey,
  hashApiKey,
  MIN_KEY_LENGTH,
} from './auth/apiKeys.js';
export {
  BOOTSTRAP_TENANT,
  type BootstrapResult,
  CREDENTIALS_FILE,
  ensureBootstrapKey,
} from './auth/bootstrapKey.js';
export { type ConfigFile, configFileSchema } from './config/configFile.js';
export { configFingerprint, recordConfiguration } from './config/configFingerprint.js';
export {
  DEFAULT_GATEWAY_SETTINGS,
  type GatewaySettings,
  type OutputActions,
  resolveGatewaySettings,
  settingsFromEnv,
  type TlsSettings,
} from './config/gatewaySettings.js';
export {
  CONFIG_FILE_NAMES,
  type LoadedConfig,
  loadConfigFile,
  parseConfigFile,
} from './config/loadConfigFile.js';
export { createGatewayApp, type GatewayAppOptions } from './createApp.js';
export { DASHBOARD_CSP, DASHBOARD_PATHS, registerDashboardRoutes } from './dashboard/dashboardRoutes.js';
export { errorBody, type GatewayErrorBody, statusOf } from './httpErrors.js';
export {
  createRateLimits,
  DEFAULT_LIMITS,
  type LimitSettings,
  RateLimitedError,
  type RateLimits,
} from './limits/rateLimits.js';
export { type McpSettings, mcpSettingsSchema } from './mcp/mcpSettings.js';
export { approvePins, type McpReview, reviewMcpTools, type ToolReview } from './mcp/reviewMcpTools.js';
export { type ToolCallSettings, toolCallSettingsSchema } from './proxy/toolCallPolicy.js';
export { type UpstreamSettings, upstreamSettingsSchema } from './proxy/upstreamSettings.js';
export { checkGatewaySettings, type RunningGateway, startGateway } from './startGateway.js';
