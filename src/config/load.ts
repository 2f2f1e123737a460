/**
 * The single entry point that turns the environment (and the SyncOptions file it names) into
 * validated configuration. Every problem — environment and options file together — is
 * reported at once in one ConfigError.
 */
import fs from 'node:fs';
import { type z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors';
import { readSettings, type Env, type Settings } from './settings';
import { defaultSyncOptions, syncOptionsSchema, type SyncOptions } from './sync-options';

export interface Config {
  settings: Settings;
  syncOptions: SyncOptions;
}

/** zod issues as problems with a dotted path (`steps.GetTags.batchSize`). */
export function zodProblems(issues: readonly z.core.$ZodIssue[], prefix = ''): ConfigProblem[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Validates SyncOptions given as a plain object (from a file, a test or the CLI). */
export function parseSyncOptions(input: unknown, source = 'sync options'): SyncOptions {
  const parsed = syncOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(`Invalid ${source}:`, zodProblems(parsed.error.issues));
  return parsed.data;
}

function readSyncOptionsFile(file: string, problems: ConfigProblem[]): SyncOptions | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ path: 'SYNC_OPTIONS_FILE', message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    problems.push({ path: 'SYNC_OPTIONS_FILE', message: `${file} is not valid JSON (${(error as Error).message})` });
    return undefined;
  }
  const parsed = syncOptionsSchema.safeParse(json);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error.issues, file));
    return undefined;
  }
  return parsed.data;
}

/**
 * Loads and validates all configuration.
 * @throws ConfigError listing every problem (never a secret value).
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: ConfigProblem[] = [];
  const settings = readSettings(env, problems);
  const syncOptions = settings.syncOptionsFile ? readSyncOptionsFile(settings.syncOptionsFile, problems) : defaultSyncOptions();
  if (problems.length > 0 || !syncOptions) {
    throw new ConfigError(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, problems);
  }
  return { settings, syncOptions };
}

/**
 * For process entry points (worker, `npm start`): the configuration, or undefined after printing
 * every problem to stderr and setting exit code 2 (bad configuration, nothing started).
 */
export function loadConfigForProcess(env: Env = process.env): Config | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return undefined;
  }
}
