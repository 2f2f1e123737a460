/**
 * Every environment variable the product reads, declared once: name, group, default,
 * description and whether it is a secret. The README's configuration reference is checked
 * against this table by a test, and secrets are redacted from every error by it.
 *
 * Each secret may also be given as a file: `<NAME>_FILE=/run/secrets/...` (Docker/Kubernetes
 * secrets), so secrets need not sit in the environment at all.
 */

export type EnvGroup = 'temporal' | 'salesforce' | 'saleswings' | 'sync' | 'worker';

export interface EnvVarSpec {
  name: string;
  group: EnvGroup;
  description: string;
  default?: string;
  secret?: boolean;
  /** Values the variable accepts, for documentation. */
  values?: readonly string[];
}

export const SALESFORCE_AUTH_MODES = ['access_token', 'client_credentials', 'jwt', 'refresh_token', 'password'] as const;
export type SalesforceAuthMode = (typeof SALESFORCE_AUTH_MODES)[number];

export const ENV_VARS: readonly EnvVarSpec[] = [
  { name: 'TEMPORAL_ADDRESS', group: 'temporal', default: 'localhost:7233', description: 'Temporal frontend host:port' },
  { name: 'TEMPORAL_NAMESPACE', group: 'temporal', default: 'default', description: 'Temporal namespace' },
  { name: 'TEMPORAL_TASK_QUEUE', group: 'temporal', default: 'saleswings-sync', description: 'Task queue of the sync workflows and activities' },
  { name: 'TEMPORAL_API_KEY', group: 'temporal', secret: true, description: 'API key (Temporal Cloud); enables TLS' },
  { name: 'TEMPORAL_TLS_CERT_FILE', group: 'temporal', description: 'Client certificate (PEM) for mTLS' },
  { name: 'TEMPORAL_TLS_KEY_FILE', group: 'temporal', description: 'Client private key (PEM) for mTLS' },
  { name: 'TEMPORAL_TLS_CA_FILE', group: 'temporal', description: 'CA bundle (PEM) to verify the server' },
  { name: 'SYNC_CONNECTION', group: 'sync', default: 'default', description: 'Name of this org connection; part of schedule and workflow ids (letters, digits, dashes)' },
  { name: 'SYNC_OPTIONS_FILE', group: 'sync', description: 'JSON file with SyncOptions (SW Studio options, per-step options, field mappings); defaults apply without it' },
  { name: 'SALESFORCE_AUTH_MODE', group: 'salesforce', values: SALESFORCE_AUTH_MODES, description: 'How to authenticate; setting it (or any SALESFORCE_* variable) configures a real org' },
  { name: 'SALESFORCE_LOGIN_URL', group: 'salesforce', default: 'https://login.salesforce.com', description: 'Token endpoint host: My Domain URL for client_credentials, login/test.salesforce.com for jwt/password' },
  { name: 'SALESFORCE_INSTANCE_URL', group: 'salesforce', description: 'Org instance URL (access_token, refresh_token)' },
  { name: 'SALESFORCE_ACCESS_TOKEN', group: 'salesforce', secret: true, description: 'Session token (access_token mode; development)' },
  { name: 'SALESFORCE_CLIENT_ID', group: 'salesforce', description: 'Connected app consumer key (client_credentials, jwt, refresh_token, password)' },
  { name: 'SALESFORCE_CLIENT_SECRET', group: 'salesforce', secret: true, description: 'Connected app consumer secret (client_credentials, refresh_token, password)' },
  { name: 'SALESFORCE_USERNAME', group: 'salesforce', description: 'Integration user (jwt, password)' },
  { name: 'SALESFORCE_PASSWORD', group: 'salesforce', secret: true, description: 'Password plus security token (password mode; deprecated by Salesforce)' },
  { name: 'SALESFORCE_REFRESH_TOKEN', group: 'salesforce', secret: true, description: 'Refresh token (refresh_token mode)' },
  { name: 'SALESFORCE_PRIVATE_KEY', group: 'salesforce', secret: true, description: 'PEM private key signing the JWT assertion (jwt mode; or SALESFORCE_PRIVATE_KEY_FILE)' },
  { name: 'SALESFORCE_API_VERSION', group: 'salesforce', default: '62.0', description: 'REST API version (jsforce would default to 50.0)' },
  { name: 'SALESFORCE_NAMESPACE', group: 'salesforce', default: '', description: 'Managed-package prefix: `saleswings` for orgs with the SalesWings package, empty for the unmanaged source in salesforce/' },
  { name: 'SALESWINGS_API_URL', group: 'saleswings', default: 'https://helium.saleswings.pro/salesforce/v2', description: 'SalesWings API base URL (SW Studio "API Endpoint")' },
  { name: 'SALESWINGS_API_TOKEN', group: 'saleswings', secret: true, description: 'SalesWings API token from the cockpit; setting it configures a real SalesWings account' },
  { name: 'LOG_LEVEL', group: 'worker', default: 'info', values: ['debug', 'info', 'warn', 'error'], description: 'Log level' },
  { name: 'LOG_FORMAT', group: 'worker', default: 'json', values: ['json', 'pretty'], description: 'json: one JSON object per line; pretty: for terminals' },
  { name: 'METRICS_PORT', group: 'worker', description: 'Serve Prometheus metrics on this port (Temporal runtime and product counters); off when unset' },
  { name: 'WORKER_MAX_CONCURRENT_ACTIVITIES', group: 'worker', default: '200', description: 'Activities one worker runs at once' },
  { name: 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', group: 'worker', default: '40', description: 'Workflow tasks one worker runs at once' },
  { name: 'WORKER_SHUTDOWN_GRACE', group: 'worker', default: '30s', description: 'On SIGTERM, how long running activities may finish before they are cancelled' },
  { name: 'PAYLOAD_ENCRYPTION_KEY', group: 'worker', secret: true, description: 'Base64 32-byte key: encrypt workflow payloads (AES-256-GCM) so PII is not plain text in Temporal' },
  { name: 'PAYLOAD_ENCRYPTION_KEY_ID', group: 'worker', default: 'default', description: 'Id recorded with encrypted payloads (for key rotation)' },
  {
    name: 'PAYLOAD_DECRYPTION_KEYS',
    group: 'worker',
    secret: true,
    description: 'Earlier keys that still decrypt after a rotation: `id=base64key` pairs separated by commas',
  },
];

export const SECRET_ENV_VARS: ReadonlySet<string> = new Set(ENV_VARS.filter((v) => v.secret).map((v) => v.name));
