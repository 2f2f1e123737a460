/**
 * Workflow time. Inside Temporal's sandbox `Date` is deterministic (the time of the current
 * workflow task, identical on replay), so this is safe; the lint rule against `new Date()` in
 * workflows points here so the choice is made once, knowingly.
 */
export function workflowNow(): string {
  // eslint-disable-next-line no-restricted-syntax -- the sandboxed, replay-safe clock
  return new Date().toISOString();
}
