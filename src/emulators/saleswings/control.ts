/**
 * Everything a test (or the admin API) can do to a running SalesWings emulator besides calling
 * the API: load data, simulate changes, read what was received, inject faults, move the clock.
 */
import {
  prospectSchema,
  type Activity,
  type MetricsRequest,
  type Prospect,
  type RecordUpdate,
  type Score,
  type Tag,
} from '../../saleswings/contract';
import { formatZodError } from '../../saleswings/zod-issues';
import { simulateChanges, type ChangeOptions, type ChangeSummary } from './changes';
import { EmulatorClock, type ClockSource } from './clock';
import { emptyDataset, parseDataset, type Dataset } from './dataset';
import { FaultPlan, type Fault, type FaultRule, type FaultSpec } from './faults';
import { generateDataset, type GenerateDatasetOptions } from './generator';
import { type Seed } from './seeded-random';
import { SalesWingsStore, type ReceivedMetrics, type ReceivedRecordsRequest } from './store';

/** One API request as the emulator saw it (admin requests are not logged). */
export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path below the base URL, e.g. `/prospects`. */
  path: string;
  /** Raw query string without `?` (cursors and `since` included, for paging assertions). */
  query: string;
  status: number;
  /** Kind of the fault injected into this request, if any. */
  fault?: Fault['kind'];
}

/** Read access to the emulator's data; every call returns copies. */
export interface EmulatorState {
  tags(): Tag[];
  scores(): Score[];
  /** In serving order: (updatedAt, id). */
  prospects(): Prospect[];
  prospect(id: string): Prospect | undefined;
  /** Of one prospect, or all. */
  activities(prospectId?: string): Activity[];
}

/** The request log keeps the latest entries only, so a long-running emulator stays small. */
const MAX_LOG_ENTRIES = 10_000;

export class EmulatorControl {
  readonly store = new SalesWingsStore();
  readonly clock: EmulatorClock;
  readonly faults = new FaultPlan();
  readonly state: EmulatorState;
  #loaded: Dataset = emptyDataset();
  #seed: Seed = 'saleswings';
  #changeCalls = 0;
  #log: RequestLogEntry[] = [];
  #counts: Record<string, number> = {};

  constructor(options: { dataset?: Dataset; clock?: ClockSource } = {}) {
    this.clock = new EmulatorClock(options.clock);
    if (options.dataset) this.load(options.dataset);
    const store = this.store;
    this.state = {
      tags: () => structuredClone([...store.tags.values()]),
      scores: () => structuredClone([...store.scores.values()]),
      prospects: () => structuredClone(store.prospects.all()),
      prospect: (id) => {
        const found = store.prospects.get(id);
        return found && structuredClone(found);
      },
      activities: (prospectId) =>
        structuredClone(prospectId === undefined ? [...store.activities.values()].flat() : (store.activities.get(prospectId) ?? [])),
    };
  }

  /** Replaces the data with a validated copy of `dataset`; `reset()` returns to it. */
  load(dataset: Dataset): void {
    this.#install(parseDataset(dataset));
  }

  /** Generates and loads a dataset (trusted: not re-validated, so 100,000 prospects load fast). */
  generate(options: GenerateDatasetOptions): Dataset {
    const dataset = generateDataset(options);
    this.#seed = options.seed;
    this.#install(dataset);
    return dataset;
  }

  /** Stores a new version of one prospect; `updatedAt` moves to the change clock unless given. */
  updateProspect(id: string, patch: Partial<Omit<Prospect, 'id'>>): Prospect {
    const existing = this.store.prospects.get(id);
    if (!existing) throw new Error(`updateProspect: unknown prospect ${id}`);
    const candidate = { ...existing, ...patch, id, updatedAt: patch.updatedAt ?? this.store.changeInstant(this.clock.now()) };
    const checked = prospectSchema.safeParse(candidate);
    if (!checked.success) throw new Error(`updateProspect ${id}: ${formatZodError(checked.error, candidate)}`);
    this.store.putProspects([checked.data]);
    return structuredClone(checked.data);
  }

  /** Changes data as SalesWings users and rules would; see `ChangeOptions`. */
  simulateChanges(options: ChangeOptions = {}): ChangeSummary {
    this.#changeCalls += 1;
    return simulateChanges(this.store, this.clock.now(), options, `${this.#seed}/changes/${this.#changeCalls}`);
  }

  /** Every record received on `POST /records`, in arrival order (accepted and rejected). */
  receivedRecords(): RecordUpdate[] {
    return this.store.recordRequests.flatMap((request) => structuredClone(request.records));
  }

  /** Each `POST /records` request with the answer it got. */
  recordRequests(): ReceivedRecordsRequest[] {
    return structuredClone(this.store.recordRequests);
  }

  /** Every `POST /metrics` body, in arrival order. */
  receivedMetrics(): MetricsRequest[] {
    return this.store.metrics.map((m) => structuredClone(m.metrics));
  }

  /** Each `POST /metrics` with its arrival time. */
  metricsRequests(): ReceivedMetrics[] {
    return structuredClone(this.store.metrics);
  }

  logRequest(entry: RequestLogEntry): void {
    const key = `${entry.method} ${entry.path}`;
    this.#counts[key] = (this.#counts[key] ?? 0) + 1;
    this.#log.push(entry);
    if (this.#log.length > MAX_LOG_ENTRIES) this.#log.splice(0, this.#log.length - MAX_LOG_ENTRIES);
  }

  requestLog(): RequestLogEntry[] {
    return this.#log.map((e) => ({ ...e }));
  }

  /** API requests per `METHOD /path` since start or the last reset (401s and faults included). */
  requestCounts(): Record<string, number> {
    return { ...this.#counts };
  }

  clearRequestLog(): void {
    this.#log = [];
    this.#counts = {};
  }

  /** Replaces the fault plan. */
  setFaults(faults: readonly FaultSpec[]): void {
    this.faults.clear();
    this.faults.add(faults);
  }

  addFaults(faults: readonly FaultSpec[]): void {
    this.faults.add(faults);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): FaultRule[] {
    return this.faults.list();
  }

  setClock(to: Date | string | ClockSource): void {
    this.clock.set(to);
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * Back to the last loaded dataset: changes undone, received records/metrics, request log and
   * faults cleared, clock as at start.
   */
  reset(): void {
    this.#install(this.#loaded);
    this.clock.reset();
  }

  #install(dataset: Dataset): void {
    this.#loaded = dataset;
    this.store.load(dataset);
    this.store.clearReceived();
    this.faults.clear();
    this.clearRequestLog();
    this.#changeCalls = 0;
  }
}
