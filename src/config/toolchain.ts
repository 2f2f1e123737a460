/**
 * What the developer toolchain (provisioning the Temporal CLI) takes from the environment: the
 * program search path, an explicit `TEMPORAL_CLI_PATH`, and the environment a child build
 * (`go install`) inherits.
 */
import path from 'node:path';
import { type Env } from './settings';

export interface ToolchainEnv {
  /** The directories of `PATH`, in order (empty entries dropped). */
  readonly searchPath: readonly string[];
  /** `TEMPORAL_CLI_PATH`: an existing Temporal CLI to use as it is. */
  readonly temporalCliPath?: string;
  /** The whole environment, for child processes. */
  readonly env: Env;
}

export function readToolchainEnv(env: Env = process.env): ToolchainEnv {
  return {
    searchPath: (env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== ''),
    ...(env.TEMPORAL_CLI_PATH ? { temporalCliPath: env.TEMPORAL_CLI_PATH } : {}),
    env,
  };
}
