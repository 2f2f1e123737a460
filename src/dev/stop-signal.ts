/**
 * Waiting for Ctrl-C (SIGINT) or SIGTERM in the long-running commands: `npm start`, the codec
 * server, the screenshot stack kept with `--keep`.
 */

/** Resolves with the first SIGINT or SIGTERM the process receives. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}
