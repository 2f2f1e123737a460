/**
 * The gateway a worker builds from its configuration (`createGateway`): every Salesforce
 * setting reaches the connection — the API version included.
 */
import { loadConfig } from '../../src/config/load';
import { createGateway } from '../../src/worker-deps';
import { startEmulator, type Emulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.stop());

test('SALESFORCE_API_VERSION is the version of every request', async () => {
  const { settings, syncOptions } = loadConfig({
    SALESFORCE_AUTH_MODE: 'client_credentials',
    SALESFORCE_LOGIN_URL: emu.url,
    SALESFORCE_CLIENT_ID: emu.credentials.clientId,
    SALESFORCE_CLIENT_SECRET: emu.credentials.clientSecret,
    SALESFORCE_API_VERSION: '60.0',
    SALESWINGS_API_URL: 'http://127.0.0.1:9/salesforce/v2',
    SALESWINGS_API_TOKEN: 'token',
  });
  expect(settings.salesforce?.apiVersion).toBe('60.0');
  const gateway = await createGateway(settings.salesforce as NonNullable<typeof settings.salesforce>, syncOptions);
  expect(gateway.connection.version).toBe('60.0');
  const page = await gateway.queryPages('SELECT Id FROM Lead', { batchSize: 200 }).next();
  expect(page.value).toMatchObject({ totalSize: 0, done: true });
});
