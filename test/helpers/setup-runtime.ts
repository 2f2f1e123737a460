/**
 * Quiet Temporal's logger in tests (webpack bundle stats, worker lifecycle) before anything
 * creates the native runtime. Each jest test file has its own module registry, so this runs
 * once per file.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
} catch {
  // Already installed for this file.
}
