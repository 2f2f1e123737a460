/**
 * Accumulates a step's figures while it runs: counts per kind of write, per-record failures
 * (all counted, the first ones kept with record id, Salesforce code and message).
 */
import { type RecordResult } from '../../salesforce/write-result';
import { MAX_MATCH_SAMPLES, type MatchSample, type RecordError, type StepResult } from '../../workflows/report';

export class StepTally {
  examined = 0;
  created = 0;
  updated = 0;
  deleted = 0;
  failed = 0;
  readonly errors: RecordError[] = [];
  readonly details: Record<string, number> = {};
  readonly matches: MatchSample[] = [];

  constructor(private readonly maxErrors = 50) {}

  /** Adds to a step-specific figure (e.g. `matched`). */
  count(detail: string, by = 1): void {
    this.details[detail] = (this.details[detail] ?? 0) + by;
  }

  /** Keeps a matched prospect for the dry-run plan (the first `MAX_MATCH_SAMPLES`). */
  sample(match: MatchSample): void {
    if (this.matches.length < MAX_MATCH_SAMPLES) this.matches.push(match);
  }

  fail(recordId: string | null, code: string, message: string): void {
    this.failed += 1;
    if (this.errors.length < this.maxErrors) this.errors.push({ recordId, code, message });
  }

  /**
   * Counts write results. `kind` says what a success was; `label` names the record in errors
   * when the write failed before Salesforce assigned an Id (a create), e.g. its external key.
   */
  record(results: readonly RecordResult[], kind: 'created' | 'updated' | 'deleted' | 'upserted', label: (index: number) => string | null = () => null): void {
    for (const result of results) {
      if (result.success) {
        if (kind === 'upserted') {
          if (result.created) this.created += 1;
          else this.updated += 1;
        } else {
          this[kind] += 1;
        }
        continue;
      }
      const error = result.errors[0];
      this.fail(result.id ?? label(result.index), error?.code ?? 'UNKNOWN', error?.message ?? 'write failed');
    }
  }

  /** Adds another tally or result into this one. */
  merge(other: StepResult): void {
    this.examined += other.examined;
    this.created += other.created;
    this.updated += other.updated;
    this.deleted += other.deleted;
    for (const [key, value] of Object.entries(other.details ?? {})) this.count(key, value);
    this.failed += other.failed;
    for (const error of other.errors) if (this.errors.length < this.maxErrors) this.errors.push(error);
    for (const match of other.matches ?? []) this.sample(match);
  }

  result(): StepResult {
    return {
      examined: this.examined,
      created: this.created,
      updated: this.updated,
      deleted: this.deleted,
      failed: this.failed,
      errors: [...this.errors],
      details: Object.keys(this.details).length > 0 ? { ...this.details } : undefined,
      ...(this.matches.length > 0 ? { matches: [...this.matches] } : {}),
    };
  }

  static from(snapshot: StepResult | undefined, maxErrors = 50): StepTally {
    const tally = new StepTally(maxErrors);
    if (snapshot) tally.merge(snapshot);
    return tally;
  }
}
