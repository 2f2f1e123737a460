/**
 * Connection settings from the environment, validated with zod. Every problem is collected and
 * reported at once, naming the variable; secret values never appear in messages.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { type ConfigProblem } from '../errors';
import { ENV_VARS, SALESFORCE_AUTH_MODES, SECRET_ENV_VARS, type SalesforceAuthMode } from './env-vars';

export type Env = Readonly<Record<string, string | undefined>>;

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  apiKey?: string;
  tls?: { certFile?: string; keyFile?: string; caFile?: string };
}

export interface SalesforceSettings {
  authMode: SalesforceAuthMode;
  loginUrl: string;
  instanceUrl?: string;
  accessToken?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  refreshToken?: string;
  privateKey?: string;
  apiVersion: string;
  namespace: string;
}

export interface SalesWingsSettings {
  apiUrl: string;
  apiToken: string;
}

export interface WorkerSettings {
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'json' | 'pretty';
  metricsPort?: number;
  maxConcurrentActivities: number;
  maxConcurrentWorkflowTasks: number;
  shutdownGrace: string;
  /** Current key (encrypts) and earlier keys (decrypt only), as src/codec expects them. */
  encryption?: { key: string; keyId: string; decryptionKeys?: { keyId: string; key: string }[] };
}

export interface Settings {
  temporal: TemporalSettings;
  /** Name of the org connection, used in schedule and workflow ids. */
  connection: string;
  syncOptionsFile?: string;
  /** Absent when no SALESFORCE_* variable is set: the embedded emulator stands in (npm start). */
  salesforce?: SalesforceSettings;
  /** Absent when SALESWINGS_API_TOKEN is not set: the embedded emulator stands in (npm start). */
  saleswings?: SalesWingsSettings;
  worker: WorkerSettings;
}

/** Which variables each Salesforce auth mode needs (besides SALESFORCE_AUTH_MODE). */
export const SALESFORCE_REQUIRED: Record<SalesforceAuthMode, readonly string[]> = {
  access_token: ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN'],
  client_credentials: ['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'],
  jwt: ['SALESFORCE_CLIENT_ID', 'SALESFORCE_USERNAME', 'SALESFORCE_PRIVATE_KEY'],
  refresh_token: ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_REFRESH_TOKEN'],
  password: ['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET', 'SALESFORCE_USERNAME', 'SALESFORCE_PASSWORD'],
};

const DEFAULTS = new Map(ENV_VARS.filter((v) => v.default !== undefined).map((v) => [v.name, v.default as string]));

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const connectionName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes (max 63)');
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');
const port = z.coerce.number().int().min(1).max(65_535);
const positiveInt = z.coerce.number().int().min(1).max(100_000);
const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as "30s"');

/**
 * Reads the environment (plus `<SECRET>_FILE` files) into a plain map of the known variables.
 * Problems reading secret files are reported, never their contents.
 */
function resolveEnv(env: Env, problems: ConfigProblem[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const spec of ENV_VARS) {
    const direct = env[spec.name];
    const file = env[`${spec.name}_FILE`];
    if (direct !== undefined && direct !== '') values.set(spec.name, direct);
    else if (file) {
      try {
        values.set(spec.name, fs.readFileSync(file, 'utf8').trim());
      } catch (error) {
        problems.push({ path: `${spec.name}_FILE`, message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      }
    }
  }
  return values;
}

function check<T>(schema: z.ZodType<T>, name: string, raw: string | undefined, problems: ConfigProblem[]): T | undefined {
  const value = raw ?? DEFAULTS.get(name);
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'invalid value';
  // zod messages describe the expected shape, not the value; secrets get a generic message anyway.
  problems.push({ path: name, message: SECRET_ENV_VARS.has(name) ? 'invalid value (not shown: secret)' : message });
  return undefined;
}

function loadSalesforce(values: Map<string, string>, problems: ConfigProblem[]): SalesforceSettings | undefined {
  const configured = [...values.keys()].some((k) => k.startsWith('SALESFORCE_') && k !== 'SALESFORCE_API_VERSION' && k !== 'SALESFORCE_NAMESPACE');
  if (!configured) return undefined;
  const mode = check(z.enum(SALESFORCE_AUTH_MODES, { error: `expected one of ${SALESFORCE_AUTH_MODES.join(', ')}` }), 'SALESFORCE_AUTH_MODE', values.get('SALESFORCE_AUTH_MODE'), problems);
  if (!values.get('SALESFORCE_AUTH_MODE')) {
    problems.push({ path: 'SALESFORCE_AUTH_MODE', message: `required when Salesforce is configured; one of ${SALESFORCE_AUTH_MODES.join(', ')}` });
  }
  const settings: SalesforceSettings = {
    authMode: mode ?? 'access_token',
    loginUrl: check(httpUrl, 'SALESFORCE_LOGIN_URL', values.get('SALESFORCE_LOGIN_URL'), problems) ?? '',
    instanceUrl: check(httpUrl, 'SALESFORCE_INSTANCE_URL', values.get('SALESFORCE_INSTANCE_URL'), problems),
    accessToken: values.get('SALESFORCE_ACCESS_TOKEN'),
    clientId: values.get('SALESFORCE_CLIENT_ID'),
    clientSecret: values.get('SALESFORCE_CLIENT_SECRET'),
    username: values.get('SALESFORCE_USERNAME'),
    password: values.get('SALESFORCE_PASSWORD'),
    refreshToken: values.get('SALESFORCE_REFRESH_TOKEN'),
    privateKey: check(
      z.string().includes('PRIVATE KEY', { error: 'expected a PEM private key' }),
      'SALESFORCE_PRIVATE_KEY',
      values.get('SALESFORCE_PRIVATE_KEY'),
      problems,
    ),
    apiVersion: check(z.string().regex(/^\d{2,3}\.0$/, 'expected a version such as 62.0'), 'SALESFORCE_API_VERSION', values.get('SALESFORCE_API_VERSION'), problems) ?? '62.0',
    namespace: check(z.string().regex(/^([A-Za-z][A-Za-z0-9]{0,14})?$/, 'expected a namespace prefix such as saleswings (without __)'), 'SALESFORCE_NAMESPACE', values.get('SALESFORCE_NAMESPACE'), problems) ?? '',
  };
  if (mode) {
    for (const name of SALESFORCE_REQUIRED[mode]) {
      if (!values.get(name) && !DEFAULTS.get(name)) problems.push({ path: name, message: `required when SALESFORCE_AUTH_MODE=${mode}` });
    }
    if (mode === 'client_credentials' && /^https:\/\/(login|test)\.salesforce\.com\/?$/.test(settings.loginUrl)) {
      problems.push({
        path: 'SALESFORCE_LOGIN_URL',
        message: 'client_credentials needs the org My Domain URL (https://<domain>.my.salesforce.com); Salesforce rejects login/test.salesforce.com for this flow',
      });
    }
  }
  return settings;
}

/** `id=base64,id2=base64` → keys; a malformed entry is reported by position (never its value). */
function parseKeyList(raw: string | undefined, problems: ConfigProblem[]): { keyId: string; key: string }[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry, i) => {
      const at = entry.indexOf('=');
      const keyId = at > 0 ? entry.slice(0, at) : '';
      const key = at > 0 ? entry.slice(at + 1) : '';
      if (!keyId || Buffer.from(key, 'base64').length !== 32) {
        problems.push({ path: 'PAYLOAD_DECRYPTION_KEYS', message: `entry ${i + 1}: expected id=<32 bytes, base64> (value not shown: secret)` });
        return [];
      }
      return [{ keyId, key }];
    });
}

/** Reads and validates the connection settings; problems are appended, never thrown. */
export function readSettings(env: Env, problems: ConfigProblem[]): Settings {
  const values = resolveEnv(env, problems);
  const get = (name: string) => values.get(name);

  const tlsFiles = {
    certFile: get('TEMPORAL_TLS_CERT_FILE'),
    keyFile: get('TEMPORAL_TLS_KEY_FILE'),
    caFile: get('TEMPORAL_TLS_CA_FILE'),
  };
  for (const [key, file] of Object.entries(tlsFiles)) {
    if (file && !fs.existsSync(file)) problems.push({ path: `TEMPORAL_TLS_${key.replace('File', '').toUpperCase()}_FILE`, message: 'file not found' });
  }
  if (Boolean(tlsFiles.certFile) !== Boolean(tlsFiles.keyFile)) {
    problems.push({ path: 'TEMPORAL_TLS_CERT_FILE', message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together' });
  }

  const temporal: TemporalSettings = {
    address: check(hostPort, 'TEMPORAL_ADDRESS', get('TEMPORAL_ADDRESS'), problems) ?? 'localhost:7233',
    namespace: check(z.string().min(1), 'TEMPORAL_NAMESPACE', get('TEMPORAL_NAMESPACE'), problems) ?? 'default',
    taskQueue: check(z.string().min(1).max(200), 'TEMPORAL_TASK_QUEUE', get('TEMPORAL_TASK_QUEUE'), problems) ?? 'saleswings-sync',
    apiKey: get('TEMPORAL_API_KEY'),
    tls: tlsFiles.certFile || tlsFiles.caFile ? tlsFiles : undefined,
  };

  const swToken = get('SALESWINGS_API_TOKEN');
  const swUrlSet = env.SALESWINGS_API_URL !== undefined && env.SALESWINGS_API_URL !== '';
  if (swUrlSet && !swToken) problems.push({ path: 'SALESWINGS_API_TOKEN', message: 'required when SALESWINGS_API_URL is set' });
  const saleswings = swToken
    ? { apiUrl: check(httpUrl, 'SALESWINGS_API_URL', get('SALESWINGS_API_URL'), problems) ?? '', apiToken: swToken }
    : undefined;

  const encryptionKey = get('PAYLOAD_ENCRYPTION_KEY');
  if (encryptionKey !== undefined && Buffer.from(encryptionKey, 'base64').length !== 32) {
    problems.push({ path: 'PAYLOAD_ENCRYPTION_KEY', message: 'expected 32 bytes, base64-encoded (value not shown: secret)' });
  }
  const decryptionKeys = parseKeyList(get('PAYLOAD_DECRYPTION_KEYS'), problems);
  if (decryptionKeys.length > 0 && !encryptionKey) {
    problems.push({ path: 'PAYLOAD_DECRYPTION_KEYS', message: 'needs PAYLOAD_ENCRYPTION_KEY (the current key)' });
  }

  const metricsPort = get('METRICS_PORT');
  return {
    temporal,
    connection: check(connectionName, 'SYNC_CONNECTION', get('SYNC_CONNECTION'), problems) ?? 'default',
    syncOptionsFile: get('SYNC_OPTIONS_FILE'),
    salesforce: loadSalesforce(values, problems),
    saleswings,
    worker: {
      logLevel: check(z.enum(['debug', 'info', 'warn', 'error']), 'LOG_LEVEL', get('LOG_LEVEL'), problems) ?? 'info',
      logFormat: check(z.enum(['json', 'pretty']), 'LOG_FORMAT', get('LOG_FORMAT'), problems) ?? 'json',
      metricsPort: metricsPort === undefined ? undefined : check(port, 'METRICS_PORT', metricsPort, problems),
      maxConcurrentActivities: check(positiveInt, 'WORKER_MAX_CONCURRENT_ACTIVITIES', get('WORKER_MAX_CONCURRENT_ACTIVITIES'), problems) ?? 200,
      maxConcurrentWorkflowTasks: check(positiveInt, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', get('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'), problems) ?? 40,
      shutdownGrace: check(duration, 'WORKER_SHUTDOWN_GRACE', get('WORKER_SHUTDOWN_GRACE'), problems) ?? '30s',
      encryption: encryptionKey
        ? { key: encryptionKey, keyId: get('PAYLOAD_ENCRYPTION_KEY_ID') ?? 'default', ...(decryptionKeys.length > 0 ? { decryptionKeys } : {}) }
        : undefined,
    },
  };
}
