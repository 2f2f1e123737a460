/**
 * The configuration reference, rendered from the declarations themselves (ENV_VARS and the
 * SyncOptions zod schema), so the README and docs/configuration.md cannot drift from the code:
 * a test compares them with this output (`npm run docs:config` rewrites them).
 */
import { z } from 'zod';
import { ENV_VARS, type EnvGroup } from './env-vars';
import { syncOptionsSchema, defaultSyncOptions } from './sync-options';

const GROUP_TITLES: Record<EnvGroup, string> = {
  temporal: 'Temporal',
  sync: 'Sync',
  salesforce: 'Salesforce',
  saleswings: 'SalesWings',
  worker: 'Worker, logs, metrics, encryption',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Markdown table of every environment variable, grouped. */
export function renderEnvReference(): string {
  const lines: string[] = ['| Variable | Default | Description |', '|---|---|---|'];
  for (const group of Object.keys(GROUP_TITLES) as EnvGroup[]) {
    lines.push(`| **${GROUP_TITLES[group]}** | | |`);
    for (const v of ENV_VARS.filter((x) => x.group === group)) {
      const values = v.values ? ` (${v.values.join(', ')})` : '';
      const secret = v.secret ? ' Secret: also as `' + v.name + '_FILE`.' : '';
      const def = v.default === undefined ? '' : v.default === '' ? '(empty)' : `\`${v.default}\``;
      lines.push(`| \`${v.name}\` | ${def} | ${cell(v.description)}${values}.${secret} |`);
    }
  }
  return lines.join('\n');
}

interface OptionRow {
  path: string;
  defaultValue: unknown;
  description?: string;
}

/** Unwraps defaults, prefaults, optionals and pipes to the object schema inside, if any. */
function innerObject(schema: z.ZodType): z.ZodObject | undefined {
  let current: z.ZodType | undefined = schema;
  for (let i = 0; i < 10 && current; i++) {
    if (current instanceof z.ZodObject) return current;
    const def: { innerType?: z.ZodType; in?: z.ZodType; schema?: z.ZodType } = (current as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType; schema?: z.ZodType } } })._zod.def;
    current = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

function collect(schema: z.ZodType, defaults: unknown, path: string, rows: OptionRow[]): void {
  const object = innerObject(schema);
  if (!object || path === 'steps' || path === 'fieldMappings') {
    rows.push({ path, defaultValue: defaults, description: schema.description });
    return;
  }
  for (const [key, child] of Object.entries(object.shape)) {
    collect(child as z.ZodType, (defaults as Record<string, unknown> | undefined)?.[key], path ? `${path}.${key}` : key, rows);
  }
}

/** Markdown table of the SyncOptions with their defaults and descriptions. */
export function renderSyncOptionsReference(): string {
  const rows: OptionRow[] = [];
  collect(syncOptionsSchema, defaultSyncOptions(), '', rows);
  const lines = ['| Option | Default | Description |', '|---|---|---|'];
  for (const row of rows) {
    const value =
      row.path === 'steps'
        ? 'every active step enabled, deprecated ones disabled; see below'
        : row.path === 'fieldMappings'
          ? 'see below'
          : `\`${JSON.stringify(row.defaultValue) ?? 'unset'}\``;
    lines.push(`| \`${row.path}\` | ${value} | ${cell(row.description ?? '')} |`);
  }
  return lines.join('\n');
}

/** The default SyncOptions as an options file would hold them. */
export function renderDefaultSyncOptions(): string {
  return JSON.stringify(defaultSyncOptions(), null, 2);
}
