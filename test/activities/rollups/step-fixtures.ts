/**
 * The set-up the roll-up step tests share: a test stack whose org holds only the tag and score
 * definitions at the start of each test, the step's activity run as Temporal would run it, and
 * the step's input.
 */
import { createRollupActivities, type RollupActivities } from '../../../src/activities/rollups';
import { type StepInput } from '../../../src/activities/types';
import { type StepName } from '../../../src/config/steps';
import { type StepResult } from '../../../src/workflows/report';
import { options, runActivity, testRun, useTestStack, type TestStack } from '../../helpers/stack';
import { seedDefinitions, type Definitions } from './fixtures';

export type RunOverrides = Parameters<typeof testRun>[0];
export type OptionOverrides = NonNullable<Parameters<typeof options>[0]>;

/**
 * A test stack for the file; before each test its org is reset and given the definitions.
 * `defs` is one object, refilled before each test: read it inside tests or hooks.
 */
export function useRollupStack(): { stack: TestStack; defs: Definitions } {
  const stack = useTestStack();
  const defs = {} as Definitions;
  beforeEach(() => {
    stack.sf.admin.reset();
    Object.assign(defs, seedDefinitions(stack.sf));
  });
  return { stack, defs };
}

/** A roll-up activity on the stack, run in a mock activity environment. */
export function rollupActivity(stack: TestStack, name: keyof RollupActivities): (input: StepInput) => Promise<StepResult> {
  return (input) => runActivity(createRollupActivities(stack.deps())[name], input);
}

/**
 * The input of a step: a test run (with `run` overrides) and options of `defaults` with `opts`
 * laid over them, the studio settings merged key by key.
 */
export function rollupInput(step: StepName, defaults: OptionOverrides = {}): (run?: RunOverrides, opts?: OptionOverrides) => StepInput {
  return (run = {}, opts = {}) => {
    const merged: OptionOverrides = { ...defaults, ...opts };
    if (defaults.studio || opts.studio) merged.studio = { ...defaults.studio, ...opts.studio };
    return { run: testRun(run), step, options: options(merged) };
  };
}
