/**
 * docker-compose.yml and docker/compose.secrets.yml against the product: the services of the
 * stack, the worker's environment against src/config/env-vars.ts, the registered search
 * attributes against src/workflows/search-attributes.ts. The compose specification itself is
 * checked by scripts/validate-compose.sh (compose-go), which needs no Docker engine either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { searchAttributeFlags } from '../../src/dev/dev-server';
import { ENV_VARS, SECRET_ENV_VARS } from '../../src/config/env-vars';
import { ALL_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { ROOT, durationSeconds, interpolations, readCompose, readEnvFile, readText, readYaml } from './deployment-files';

const compose = readCompose('docker-compose.yml');
const secretsOverride = readCompose('docker/compose.secrets.yml');
const envExample = new Map(readEnvFile('.env.example').map((v) => [v.name, v.value]));
const service = (name: string) => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

/** The value a `${NAME:-default}` expression takes with .env.example as the operator's .env. */
function resolveWithEnvExample(expression: string): string {
  return expression.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => envExample.get(name) || fallback || '');
}

/** A container path mounted from the host, as `host:container[:mode]`. */
function mountSource(volumes: readonly string[] | undefined, target: string): string | undefined {
  return volumes?.map((v) => v.split(':')).find((parts) => parts[1] === target)?.[0];
}

describe('docker-compose.yml: the stack', () => {
  it('runs PostgreSQL, the schema job, the Temporal server, the setup job, the Web UI and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgresql', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker']);
  });

  it('uses the compose specification without the obsolete version key, under a fixed project name', () => {
    expect(compose.version).toBeUndefined();
    expect(compose.name).toBe('saleswings-sync');
  });

  it.each([
    ['postgresql', 'postgres', 'POSTGRESQL_VERSION', '16'],
    ['temporal-schema', 'temporalio/admin-tools', 'TEMPORAL_ADMINTOOLS_VERSION', '1.30.1'],
    ['temporal', 'temporalio/server', 'TEMPORAL_VERSION', '1.30.1'],
    ['temporal-setup', 'temporalio/admin-tools', 'TEMPORAL_ADMINTOOLS_VERSION', '1.30.1'],
    ['temporal-ui', 'temporalio/ui', 'TEMPORAL_UI_VERSION', '2.34.0'],
  ])('%s runs %s pinned by %s (default %s, the same in .env.example)', (name, image, variable, version) => {
    expect(service(name).image).toBe(`${image}:\${${variable}:-${version}}`);
    expect(envExample.get(variable)).toBe(version);
  });

  it('keeps PostgreSQL data in a named volume and reports healthy through pg_isready', () => {
    const postgres = service('postgresql');
    expect(postgres.volumes).toEqual(['postgresql-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['postgresql-data']);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.ports).toBeUndefined();
  });

  it('requires POSTGRES_PASSWORD instead of shipping a default password', () => {
    const passwords = [
      service('postgresql').environment?.POSTGRES_PASSWORD,
      service('temporal-schema').environment?.SQL_PASSWORD,
      service('temporal').environment?.POSTGRES_PWD,
    ];
    for (const value of passwords) expect(String(value)).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(envExample.get('POSTGRES_PASSWORD')).toBe('');
  });

  it('creates and migrates the temporal and temporal_visibility databases once PostgreSQL is healthy', () => {
    const schema = service('temporal-schema');
    expect(schema.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
    expect(schema.entrypoint).toEqual(['/bin/sh', '/scripts/setup-postgres.sh']);
    expect(mountSource(schema.volumes, '/scripts')).toBe('./docker/temporal');
    const script = readText('docker/temporal/setup-postgres.sh');
    expect(script).toContain('temporal-sql-tool --plugin postgres12');
    expect(script).toContain('"temporal:temporal" "temporal_visibility:visibility"');
    for (const step of ['create', 'setup-schema -v 0.0', 'update-schema -d']) expect(script).toContain(step);
    expect(script).toContain('/etc/temporal/schema/postgresql/v12');
  });

  it('starts the server on postgres12 after the schema job, with the dynamic config file from docker/', () => {
    const temporal = service('temporal');
    expect(temporal.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql', BIND_ON_IP: '0.0.0.0' });
    const configPath = String(temporal.environment?.DYNAMIC_CONFIG_FILE_PATH);
    const hostDir = mountSource(temporal.volumes, '/etc/temporal/config/dynamicconfig');
    expect(configPath.startsWith('config/dynamicconfig/')).toBe(true);
    const hostFile = path.join(ROOT, String(hostDir), path.basename(configPath));
    expect(fs.existsSync(hostFile)).toBe(true);
    // Dynamic config: key → list of { value, constraints }.
    const dynamic = readYaml(path.relative(ROOT, hostFile)) as Record<string, Array<{ value: unknown; constraints: object }>>;
    expect(dynamic['frontend.enableExecuteMultiOperation']).toEqual([{ value: true, constraints: {} }]);
    for (const entries of Object.values(dynamic)) for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['constraints', 'value']);
  });

  it('registers exactly the search attributes of src/workflows/search-attributes.ts in the configured namespace', () => {
    const setup = service('temporal-setup');
    expect(setup.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(setup.entrypoint).toEqual(['/bin/sh', '/scripts/setup-namespace.sh']);
    expect(setup.environment?.NAMESPACE).toBe('${TEMPORAL_NAMESPACE:-default}');
    const registered = String(setup.environment?.SEARCH_ATTRIBUTES).trim().split(/\s+/);
    expect(registered).toEqual(searchAttributeFlags());
    expect(registered).toHaveLength(ALL_SEARCH_ATTRIBUTES.length);
    expect(registered).toContain('SyncFailedRecords=Int');
  });

  it('serves the Web UI on port 8080 against the compose server', () => {
    const ui = service('temporal-ui');
    expect(ui.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_DEFAULT_NAMESPACE: '${TEMPORAL_NAMESPACE:-default}' });
    expect(ui.ports).toEqual(['${PUBLISH_ADDRESS:-127.0.0.1}:${TEMPORAL_UI_HOST_PORT:-8080}:8080']);
  });

  it('publishes ports on the loopback interface unless PUBLISH_ADDRESS says otherwise', () => {
    const published = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(resolveWithEnvExample(port).startsWith('127.0.0.1:')).toBe(true);
  });

  it('never runs a one-shot job again after it exits, and restarts the long-running services', () => {
    expect(service('temporal-schema').restart).toBe('no');
    expect(service('temporal-setup').restart).toBe('no');
    for (const name of ['postgresql', 'temporal', 'temporal-ui', 'worker']) expect(service(name).restart).toBe('unless-stopped');
  });
});

describe('docker-compose.yml: the worker', () => {
  const worker = service('worker');
  const environment = worker.environment ?? {};

  it('is built from the Dockerfile and starts only after the setup job completed', () => {
    expect(worker.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(worker.depends_on).toEqual({ 'temporal-setup': { condition: 'service_completed_successfully' } });
  });

  it('receives exactly the variables of src/config/env-vars.ts, plus <SECRET>_FILE for each secret', () => {
    const expected = [...ENV_VARS.map((v) => v.name), ...[...SECRET_ENV_VARS].map((name) => `${name}_FILE`)].sort();
    expect(Object.keys(environment).sort()).toEqual(expected);
  });

  it('takes every value from .env under the same name', () => {
    for (const [name, value] of Object.entries(environment)) expect(String(value)).toMatch(new RegExp(`^\\$\\{${name}(:-[^}]*)?\\}$`));
  });

  it('talks to the compose server (temporal:7233) unless TEMPORAL_ADDRESS points elsewhere', () => {
    expect(environment.TEMPORAL_ADDRESS).toBe('${TEMPORAL_ADDRESS:-temporal:7233}');
    expect(resolveWithEnvExample(String(environment.TEMPORAL_ADDRESS))).toBe('temporal:7233');
  });

  it('serves metrics on the port it exposes to the compose network', () => {
    expect(worker.expose).toEqual([String(environment.METRICS_PORT)]);
    expect(resolveWithEnvExample(String(environment.METRICS_PORT))).toBe('9464');
  });

  it('is stopped with SIGTERM and given longer than WORKER_SHUTDOWN_GRACE before Docker kills it', () => {
    expect(worker.stop_signal).toBe('SIGTERM');
    const stopGrace = durationSeconds(resolveWithEnvExample(String(worker.stop_grace_period)));
    const shutdownDefault = ENV_VARS.find((v) => v.name === 'WORKER_SHUTDOWN_GRACE')?.default ?? '';
    const shutdownGrace = durationSeconds(envExample.get('WORKER_SHUTDOWN_GRACE') || shutdownDefault);
    expect(stopGrace).toBeGreaterThanOrEqual(shutdownGrace + 10);
    expect(worker.init).toBe(true);
  });

  it('mounts docker/config read-only where SYNC_OPTIONS_FILE can point', () => {
    expect(worker.volumes).toEqual(['./docker/config:/etc/saleswings-sync:ro']);
    expect(fs.existsSync(path.join(ROOT, 'docker/config'))).toBe(true);
  });
});

describe('docker/compose.secrets.yml', () => {
  const worker = secretsOverride.services.worker;

  it('gives the worker each secret as a file through its <SECRET>_FILE variable', () => {
    const files = Object.entries(worker.environment ?? {});
    expect(files.length).toBeGreaterThan(0);
    for (const [name, value] of files) {
      expect(name.endsWith('_FILE')).toBe(true);
      expect(SECRET_ENV_VARS.has(name.slice(0, -'_FILE'.length))).toBe(true);
      const secret = String(value).replace('/run/secrets/', '');
      expect(worker.secrets).toContain(secret);
      expect(secretsOverride.secrets?.[secret]?.file).toMatch(/^\.\/docker\/secrets\//);
    }
  });

  it('covers the JWT bearer setup: the private key and the SalesWings token', () => {
    expect(worker.environment).toEqual({
      SALESFORCE_PRIVATE_KEY_FILE: '/run/secrets/salesforce_private_key',
      SALESWINGS_API_TOKEN_FILE: '/run/secrets/saleswings_api_token',
    });
  });

  it('keeps the secret files out of git', () => {
    expect(readText('docker/secrets/.gitignore').split('\n')).toContain('*');
  });
});

describe('compose variables', () => {
  it('are all defined in .env.example, so an operator sees every knob', () => {
    const used = [...interpolations(readText('docker-compose.yml')).keys(), ...interpolations(readText('docker/compose.secrets.yml')).keys()];
    const missing = used.filter((name) => !envExample.has(name));
    expect(missing).toEqual([]);
  });
});
