/**
 * The workflow bundle's entry point: every workflow type the worker registers.
 */
export { syncWorkflow, type SyncInput } from './sync-workflow';
export { syncStateWorkflow, type SyncStateInput } from './sync-state-workflow';
export { matchStepWorkflow, type MatchStepInput } from './match-step-workflow';
export { matchProspectWorkflow } from './match-prospect-workflow';
