/**
 * The developer toolchain's environment: read in src/config, handed to the Temporal CLI
 * provisioning as a value.
 */
import path from 'node:path';
import { readToolchainEnv } from '../../../src/config/toolchain';
import { ensureTemporalCli } from '../../../src/dev/temporal-cli';

test('PATH becomes the search path without empty entries; TEMPORAL_CLI_PATH is kept when set', () => {
  const env = { PATH: ['/opt/bin', '', '/usr/bin'].join(path.delimiter), TEMPORAL_CLI_PATH: '/opt/temporal' };
  expect(readToolchainEnv(env)).toEqual({ searchPath: ['/opt/bin', '/usr/bin'], temporalCliPath: '/opt/temporal', env });
  expect(readToolchainEnv({})).toEqual({ searchPath: [], env: {} });
});

test('an explicit TEMPORAL_CLI_PATH that does not run is an error naming it, with nothing provisioned', () => {
  const toolchain = readToolchainEnv({ PATH: '', TEMPORAL_CLI_PATH: '/nonexistent/temporal' });
  expect(() => ensureTemporalCli(() => undefined, toolchain)).toThrow('TEMPORAL_CLI_PATH=/nonexistent/temporal is not a working Temporal CLI');
});
