/**
 * Access to the run-wide Temporal dev server from test files.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function testServerAddress(): string {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (globalSetup starts the server).');
  return address;
}

/** A client environment on the shared dev server; tear it down in afterAll. */
export function connectTestEnvironment(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({
    address: testServerAddress(),
    namespace: process.env.TEMPORAL_TEST_NAMESPACE ?? 'default',
  });
}

/** A task queue no other test uses. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
