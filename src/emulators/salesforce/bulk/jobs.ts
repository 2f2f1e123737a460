/**
 * What Bulk API 2.0 ingest and query jobs share: job states, the job registry, the timers that
 * move jobs along (cleared by `stop()`), `systemModstamp` bookkeeping and the CSV dialect of a
 * job (delimiter and line ending).
 */
import { stringify } from 'csv-stringify/sync';
import type { Org } from '../org';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Finished jobs: they can no longer be aborted. */
export function isTerminal(state: JobState): boolean {
  return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}

/** Jobs queued or being processed: they cannot be deleted. */
export function isProcessing(state: JobState): boolean {
  return state === 'UploadComplete' || state === 'InProgress';
}

export const COLUMN_DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };

/** What ingest and query jobs have alike: the shared bookkeeping and job info read these. */
export interface BulkJob {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  errorMessage?: string;
}

export abstract class BulkJobs<J extends BulkJob> {
  readonly jobs = new Map<string, J>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    protected readonly org: Org,
    protected readonly delayMs: () => number,
  ) {}

  /** A new job id (key prefix 750). */
  protected nextId(): string {
    return this.org.store.ids.next('750');
  }

  /** Runs `fn` after `ms` unless `stop()` is called first. */
  protected later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Moves the job to `state` (if given) and stamps `systemModstamp`. */
  touch(job: J, state?: JobState): void {
    if (state) job.state = state;
    job.systemModstamp = this.org.now();
  }

  /** CSV text in the job's dialect, every value quoted. */
  protected toCsv(job: J, rows: string[][]): string {
    return stringify(rows, {
      quoted: true,
      delimiter: COLUMN_DELIMITERS[job.columnDelimiter] ?? ',',
      record_delimiter: job.lineEnding === 'CRLF' ? '\r\n' : '\n',
    });
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  clear(): void {
    this.stop();
    this.jobs.clear();
  }
}
