/**
 * Access to the run-wide Temporal dev server from test files.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { delegateTo, useResource } from './resource';

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

/** What tests and helpers use of a Temporal test environment. */
export type TemporalEnvironment = Pick<TestWorkflowEnvironment, 'client' | 'nativeConnection' | 'namespace'>;

/**
 * The file's (or describe block's) Temporal environment: connected in beforeAll (to the shared
 * dev server unless `connect` says otherwise), torn down in afterAll. Workers on its connection
 * have to stop within the tests. Touching it before beforeAll ran throws.
 */
export function useTemporalEnvironment(connect: () => Promise<TestWorkflowEnvironment> = connectTestEnvironment): TemporalEnvironment {
  const env = useResource('the Temporal environment', connect, (connected) => connected.teardown());
  return delegateTo(env, ['client', 'nativeConnection', 'namespace']);
}

/** A task queue no other test uses. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
