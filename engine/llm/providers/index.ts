/**
 * Every provider factory and its options, for the code that builds targets from
 * config. Each vendor lives in its own folder; see ./README.md.
 *
 * @example
 *   import { createOpenAiProvider, createLocalProvider } from "./providers/index.ts";
 *   const targets = [createOpenAiProvider({ id: "openai-day", baseUrl, apiKey }), createLocalProvider({ answer })];
 */
export { type AnthropicProviderOptions, createAnthropicProvider } from "./anthropic/index.ts";
export { type CozeProviderOptions, createCozeProvider } from "./coze/index.ts";
export { createDifyProvider, type DifyProviderOptions } from "./dify/index.ts";
export {
  createLocalProvider,
  DEFAULT_FALLBACK_TEXT,
  type LocalAnswer,
  type LocalProviderOptions,
} from "./local/index.ts";
export { createMockProvider, type MockProviderOptions, type Sleep } from "./mock/index.ts";
export { createOpenAiProvider, type OpenAiProviderOptions } from "./openai/index.ts";
export { DEFAULT_TIMEOUTS, type FetchLike, type TransportOptions, type UpstreamTimeouts } from "./upstream.ts";
