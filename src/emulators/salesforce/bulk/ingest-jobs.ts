/**
 * Bulk API 2.0 ingest jobs: Open → UploadComplete → InProgress → JobComplete | Failed |
 * Aborted. Processing starts after a configurable delay (clients must poll) and runs in chunks
 * of 200 records through the same per-record DML as sObject Collections, so both APIs leave the
 * same org state and the same per-record errors.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_bulk_v2/datafiles_understanding_bulk2_ingest.htm
 */
import { parse } from 'csv-parse/sync';
import type { Org } from '../org';
import type { ObjectDef } from '../schema/model';
import { duplicateExternalIds, runRecords } from '../store/batch';
import { RecordErrors, bulkErrorText, failure, type RecordResult } from '../store/record-error';
import { resolveHeader, rowToInput, type Column } from './csv-records';
import { BulkJobs, COLUMN_DELIMITERS, type BulkJob } from './jobs';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
/** Records per DML chunk (Salesforce runs triggers in chunks of 200). */
const CHUNK = 200;

export interface IngestJob extends BulkJob {
  operation: IngestOperation;
  externalIdFieldName?: string;
  data?: string;
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
  processed: number;
  failedCount: number;
  startedAt?: number;
  totalProcessingTime: number;
}

export class IngestJobs extends BulkJobs<IngestJob> {
  create(job: Omit<IngestJob, 'id' | 'state' | 'createdDate' | 'systemModstamp' | 'header' | 'successful' | 'failed' | 'unprocessed' | 'processed' | 'failedCount' | 'totalProcessingTime'>): IngestJob {
    const now = this.org.now();
    const full: IngestJob = { ...job, id: this.nextId(), state: 'Open', createdDate: now, systemModstamp: now, header: [], successful: [], failed: [], unprocessed: [], processed: 0, failedCount: 0, totalProcessingTime: 0 };
    this.jobs.set(full.id, full);
    return full;
  }

  /** UploadComplete: processing starts after the configured delay. */
  close(job: IngestJob): void {
    this.touch(job, 'UploadComplete');
    this.later(() => this.start(job), this.delayMs());
  }

  abort(job: IngestJob): void {
    if (job.startedAt === undefined && job.data) {
      // Never started: every uploaded row is unprocessed.
      try {
        const rows = this.parseRows(job);
        job.header = rows.shift() ?? [];
        job.unprocessed = rows;
      } catch {
        job.unprocessed = [];
      }
    }
    this.touch(job, 'Aborted');
  }

  private parseRows(job: IngestJob): string[][] {
    const rows = parse(job.data ?? '', {
      delimiter: COLUMN_DELIMITERS[job.columnDelimiter] ?? ',',
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
    return rows;
  }

  /** Fails the job with `errorMessage`. */
  fail(job: IngestJob, message: string): void {
    job.errorMessage = message;
    this.touch(job, 'Failed');
  }

  private start(job: IngestJob): void {
    if (job.state !== 'UploadComplete') return;
    job.startedAt = Date.now();
    this.touch(job, 'InProgress');
    const obj = this.org.schema.get(job.object)!;
    let rows: string[][];
    try {
      rows = this.parseRows(job);
    } catch (error) {
      this.fail(job, `InvalidBatch : Failed to parse CSV. ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const header = rows.shift() ?? [];
    job.header = header;
    if (header.length === 0) return this.fail(job, 'InvalidBatch : No header row in the uploaded data');
    const columns = resolveHeader(this.org.schema, obj, header);
    if (typeof columns === 'string') return this.fail(job, columns);
    const lowerHeader = header.map((h) => h.trim().toLowerCase());
    if (job.operation !== 'insert' && job.operation !== 'upsert' && !lowerHeader.includes('id')) return this.fail(job, 'InvalidBatch : Field name not found : Id');
    if (job.operation === 'upsert' && !lowerHeader.includes(job.externalIdFieldName!.toLowerCase())) {
      return this.fail(job, `InvalidBatch : External ID field not found: ${job.externalIdFieldName}`);
    }
    job.unprocessed = rows;
    const operate = this.operation(job, obj, columns, rows);
    const step = (from: number) => {
      if (job.state !== 'InProgress') return;
      const chunk = rows.slice(from, from + CHUNK);
      const ctx = this.org.context('api', job.createdById);
      const results = this.org.transaction(() => runRecords(this.org.store, false, chunk.map((cells, i) => () => operate(cells, from + i, ctx))));
      results.forEach((result, i) => this.record(job, chunk[i], result));
      job.unprocessed = rows.slice(from + chunk.length);
      if (from + CHUNK < rows.length) {
        setImmediate(() => step(from + CHUNK));
        return;
      }
      job.totalProcessingTime = Date.now() - (job.startedAt ?? Date.now());
      this.later(() => {
        if (job.state === 'InProgress') this.touch(job, 'JobComplete');
      }, Math.min(this.delayMs(), 50));
    };
    step(0);
  }

  private operation(job: IngestJob, obj: ObjectDef, columns: Column[], rows: string[][]): (cells: string[], index: number, ctx: ReturnType<Org['context']>) => RecordResult {
    const { dml, schema } = this.org;
    const idIndex = columns.findIndex((c) => c.name.trim().toLowerCase() === 'id');
    const idOf = (cells: string[]) => (idIndex >= 0 ? (cells[idIndex] ?? '').trim() : '');
    switch (job.operation) {
      case 'insert':
        return (cells, _i, ctx) => dml.insert(obj, rowToInput(columns, cells, new Set(['id'])), ctx);
      case 'update':
        return (cells, _i, ctx) => {
          const id = idOf(cells);
          if (!id) return failure(RecordErrors.missingId());
          return dml.update(obj, id, rowToInput(columns, cells, new Set(['id'])), ctx);
        };
      case 'delete':
      case 'hardDelete':
        return (cells, _i, ctx) => dml.delete(obj, idOf(cells), ctx, { hard: job.operation === 'hardDelete' });
      case 'upsert': {
        const field = schema.field(obj, job.externalIdFieldName!)!;
        const extIndex = columns.findIndex((c) => c.name.trim().toLowerCase() === field.name.toLowerCase());
        const duplicates = field.type === 'id' ? new Set<number>() : duplicateExternalIds(field, rows.map((r) => r[extIndex]));
        // jsforce adds an empty Id column to upsert CSVs; only the external id decides.
        const skip = new Set(field.type === 'id' ? [] : ['id']);
        return (cells, index, ctx) =>
          duplicates.has(index) ? failure(RecordErrors.duplicateExternalIdInRequest(field, cells[extIndex])) : dml.upsert(obj, field, rowToInput(columns, cells, skip), ctx);
      }
    }
  }

  private record(job: IngestJob, cells: string[], result: RecordResult): void {
    job.processed += 1;
    if (result.success) {
      job.successful.push([result.id ?? '', String(result.created === true || (job.operation === 'insert')), ...cells]);
    } else {
      job.failedCount += 1;
      job.failed.push([result.id ?? '', bulkErrorText(result.errors), ...cells]);
    }
  }

  csv(job: IngestJob, kind: 'successful' | 'failed' | 'unprocessed'): string {
    const header = kind === 'successful' ? ['sf__Id', 'sf__Created', ...job.header] : kind === 'failed' ? ['sf__Id', 'sf__Error', ...job.header] : job.header;
    const rows = kind === 'successful' ? job.successful : kind === 'failed' ? job.failed : job.state === 'JobComplete' ? [] : job.unprocessed;
    if (header.length === 0) return '';
    return this.toCsv(job, [header, ...rows]);
  }
}
