/**
 * .env.example against src/config/env-vars.ts: every product variable once, secrets empty,
 * defaults as the product applies them, nothing that nobody reads.
 */
import { ENV_VARS, SECRET_ENV_VARS } from '../../src/config/env-vars';
import { readSettings } from '../../src/config/settings';
import { type ConfigProblem } from '../../src/errors';
import { interpolations, readEnvFile, readText } from './deployment-files';

const entries = readEnvFile('.env.example');
const values = new Map(entries.map((e) => [e.name, e.value]));
const composeVariables = new Set([...interpolations(readText('docker-compose.yml')).keys()]);

describe('.env.example', () => {
  it('lists every variable of src/config/env-vars.ts exactly once', () => {
    const names = entries.map((e) => e.name);
    for (const spec of ENV_VARS) expect(names.filter((n) => n === spec.name)).toEqual([spec.name]);
  });

  it('defines nothing that neither the worker nor docker-compose.yml reads', () => {
    const known = new Set([...ENV_VARS.map((v) => v.name), ...composeVariables]);
    expect(entries.map((e) => e.name).filter((name) => !known.has(name))).toEqual([]);
  });

  it('leaves every secret empty, the Postgres password included', () => {
    for (const name of [...SECRET_ENV_VARS, 'POSTGRES_PASSWORD']) expect(values.get(name)).toBe('');
  });

  it('shows the product default wherever it gives a value for a variable that has one', () => {
    for (const spec of ENV_VARS) {
      const value = values.get(spec.name);
      if (value && spec.default !== undefined) expect(`${spec.name}=${value}`).toBe(`${spec.name}=${spec.default}`);
    }
  });

  it('recommends the JWT bearer flow for Salesforce', () => {
    expect(values.get('SALESFORCE_AUTH_MODE')).toBe('jwt');
    expect(readText('.env.example')).toContain('SALESFORCE_PRIVATE_KEY_FILE=/run/secrets/salesforce_private_key');
  });

  it('once the JWT credentials are filled in, passes the product validation with only those', () => {
    // What the worker sees from compose: every variable, empty ones meaning "unset".
    const env: Record<string, string> = Object.fromEntries(ENV_VARS.map((v) => [v.name, values.get(v.name) ?? '']));
    Object.assign(env, {
      TEMPORAL_ADDRESS: 'temporal:7233',
      SALESFORCE_CLIENT_ID: '3MVG9-consumer-key',
      SALESFORCE_USERNAME: 'integration@example.com',
      SALESFORCE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      SALESWINGS_API_TOKEN: 'token',
    });
    const problems: ConfigProblem[] = [];
    const settings = readSettings(env, problems);
    expect(problems).toEqual([]);
    expect(settings.salesforce).toMatchObject({ authMode: 'jwt', loginUrl: 'https://login.salesforce.com', apiVersion: '62.0', namespace: '' });
    expect(settings.worker).toMatchObject({ metricsPort: 9464, shutdownGrace: '30s', logFormat: 'json' });
    expect(settings.temporal).toMatchObject({ address: 'temporal:7233', namespace: 'default', taskQueue: 'saleswings-sync' });
  });
});
