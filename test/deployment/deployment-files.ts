/**
 * Readers for the deployment files (docker-compose.yml, its override, .env.example, the
 * Dockerfile) shared by the deployment tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

export const ROOT = path.resolve(__dirname, '..', '..');

export function readText(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

/** The parts of a compose service the tests look at. */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  entrypoint?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  stop_signal?: string;
  stop_grace_period?: string;
  secrets?: string[];
  init?: boolean;
}

export interface ComposeFile {
  name?: string;
  version?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file: string }>;
}

export function readCompose(relative: string): ComposeFile {
  return load(readText(relative)) as ComposeFile;
}

export function readYaml(relative: string): unknown {
  return load(readText(relative));
}

/** `NAME=value` lines of an env file, in order (comments and blank lines skipped). */
export function readEnvFile(relative: string): Array<{ name: string; value: string }> {
  return readText(relative)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return { name: line.slice(0, eq), value: line.slice(eq + 1) };
    });
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` references: name → default (if any). */
export function interpolations(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const match of text.matchAll(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g)) {
    const [, name, kind, rest] = match;
    found.set(name, kind === '-' ? rest : found.get(name));
  }
  return found;
}

/** Seconds in a Go/Compose style duration such as `45s`, `1m30s` or `500ms`. */
export function durationSeconds(value: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.map((p) => p[0]).join('') !== value) throw new Error(`not a duration: ${value}`);
  for (const [, amount, unit] of parts) total += Number(amount) * units[unit];
  return total;
}
