import { type Config, loadConfig } from "../../config.js";

/** The settings every test runs with: test mode, a silent log and a cheap password hash, plus `env`. */
export const testConfig = (env: Record<string, string | undefined>): Config => ({
  ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env }),
  argon2MemoryKiB: 1024,
});
