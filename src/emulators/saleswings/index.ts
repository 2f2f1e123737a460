/**
 * Public surface of the SalesWings emulator (named exports only).
 */
export { startSalesWingsEmulator, API_BASE_PATH, type SalesWingsEmulator, type SalesWingsEmulatorOptions } from './server';
export { EmulatorControl, type EmulatorState, type RequestLogEntry } from './control';
export { generateDataset, prospectId, type GenerateDatasetOptions, type LifecycleMix } from './generator';
export { parseDataset, emptyDataset, datasetSchema, type Dataset } from './dataset';
export { type ChangeOptions, type ChangeSummary, type TargetedChange } from './changes';
export { faultSpecSchema, type Fault, type FaultRule, type FaultSpec } from './faults';
export { seededRandom, type Seed, type SeededRandom } from './seeded-random';
export { type ReceivedMetrics, type ReceivedRecordsRequest } from './store';
export { OWNER_EMAILS, FIXED_AWKWARD_EMAILS } from './sample-values';
