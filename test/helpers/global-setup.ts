/**
 * One Temporal dev server (in memory) for the whole jest run. Test files reach it through
 * `TEMPORAL_TEST_ADDRESS` (see test/helpers/temporal.ts). Set that variable yourself to reuse
 * a server that is already running.
 */
import { startDevServer, type DevServer } from '../../src/dev/dev-server';

declare global {
  var __TEMPORAL_DEV_SERVER__: DevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEMPORAL_TEST_ADDRESS) return;
  const server = await startDevServer({ uiPort: false });
  globalThis.__TEMPORAL_DEV_SERVER__ = server;
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  process.env.TEMPORAL_TEST_NAMESPACE = server.namespace;
}
