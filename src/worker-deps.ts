/**
 * The clients a worker needs, built from validated configuration: the Salesforce gateway (auth
 * mode, namespace, API budget, write thresholds from SyncOptions) and the SalesWings client.
 */
import { type Config } from './config/load';
import { type SalesforceSettings, type SalesWingsSettings } from './config/settings';
import { type SyncOptions } from './config/sync-options';
import { ConfigError } from './errors';
import { type SalesforceConnectionOptions } from './salesforce/connection';
import { createSalesforceGateway, type SalesforceGateway } from './salesforce/gateway';
import { SalesWingsClient } from './saleswings/client';

/** Salesforce settings from the environment → the gateway's connection options. */
export function toConnectionOptions(settings: SalesforceSettings): SalesforceConnectionOptions {
  const common = { version: settings.apiVersion };
  switch (settings.authMode) {
    case 'access_token':
      return { authMode: 'access_token', instanceUrl: settings.instanceUrl ?? '', accessToken: settings.accessToken ?? '', ...common };
    case 'client_credentials':
      return { authMode: 'client_credentials', loginUrl: settings.loginUrl, clientId: settings.clientId ?? '', clientSecret: settings.clientSecret ?? '', ...common };
    case 'jwt':
      return { authMode: 'jwt', loginUrl: settings.loginUrl, clientId: settings.clientId ?? '', username: settings.username ?? '', privateKey: settings.privateKey ?? '', ...common };
    case 'refresh_token':
      return {
        authMode: 'refresh_token',
        loginUrl: settings.loginUrl,
        clientId: settings.clientId ?? '',
        clientSecret: settings.clientSecret,
        refreshToken: settings.refreshToken ?? '',
        instanceUrl: settings.instanceUrl,
        ...common,
      };
    case 'password':
      return {
        authMode: 'password',
        loginUrl: settings.loginUrl,
        clientId: settings.clientId ?? '',
        clientSecret: settings.clientSecret ?? '',
        username: settings.username ?? '',
        password: settings.password ?? '',
        ...common,
      };
  }
}

export async function createGateway(settings: SalesforceSettings, options: SyncOptions): Promise<SalesforceGateway> {
  return createSalesforceGateway({
    connection: toConnectionOptions(settings),
    namespace: settings.namespace,
    budget: { reserveShare: options.salesforce.apiReserveShare },
    writes: { bulkThreshold: options.salesforce.bulkThreshold },
  });
}

export function createSalesWingsClient(settings: SalesWingsSettings): SalesWingsClient {
  return new SalesWingsClient({ baseUrl: settings.apiUrl, token: settings.apiToken });
}

export interface ExternalClients {
  salesforce: SalesforceGateway;
  saleswings: SalesWingsClient;
  close(): Promise<void>;
}

/** Both external clients for a configured (non-embedded) deployment. */
export async function createExternalClients(config: Config): Promise<ExternalClients> {
  const { salesforce, saleswings } = config.settings;
  const missing = [
    ...(salesforce ? [] : [{ path: 'SALESFORCE_AUTH_MODE', message: 'Salesforce is not configured (set SALESFORCE_AUTH_MODE and its variables)' }]),
    ...(saleswings ? [] : [{ path: 'SALESWINGS_API_TOKEN', message: 'SalesWings is not configured' }]),
  ];
  if (!salesforce || !saleswings) throw new ConfigError('The worker needs both connections:', missing);
  const gateway = await createGateway(salesforce, config.syncOptions);
  const client = createSalesWingsClient(saleswings);
  return { salesforce: gateway, saleswings: client, close: () => client.close() };
}
