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
export { createGatewayApp, type GatewayAppOptions } from './createApp.js';
export { errorBody, type GatewayErrorBody, statusOf } from './httpErrors.js';
export {
  createRateLimits,
  DEFAULT_LIMITS,
  type LimitSettings,
  RateLimitedError,
  type RateLimits,
} from './limits/rateLimits.js';
export {
  DEFAULT_GATEWAY_SETTINGS,
  type GatewaySettings,
  type RunningGateway,
  settingsFromEnv,
  startGateway,
} from './startGateway.js';
