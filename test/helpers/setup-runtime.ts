/**
 * Quiet Temporal's logger in tests (webpack bundle stats, worker lifecycle, and the warnings
 * of steps that tests make fail on purpose) before anything creates the native runtime. Set
 * TEST_LOG_LEVEL=WARN (or DEBUG) to see them when investigating a failure. Each jest test file has its own module registry, so this runs
 * once per file.
 */
import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL as LogLevel | undefined) ?? 'ERROR'), shutdownSignals: [] });
} catch {
  // Already installed for this file.
}
