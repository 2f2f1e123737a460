/**
 * sObject Collections and Composite: the REST path for small writes (reference §2.4, §2.5).
 * Each chunk of ≤200 records is one Collections request (`allOrNone: false`, results in input
 * order); with Composite, up to five chunks travel in one `/composite` request, which counts
 * as ONE API call and runs its subrequests one after the other.
 */
import { ContractError, type SyncError, TransientError } from '../errors';
import { classifySalesforceError, subrequestError } from './errors';
import { type CompositeResponse, type SalesforceHttp } from './http';
import { type Namespace, type SalesforceRecord } from './namespace';
import { backoffDelay, sleep, type BackoffOptions } from './retry';
import { packCalls, planChunks, runWithLocks, type Chunk, type PlannedCall } from './write-plan';
import { failure, toRecordResult, type RawSaveResult, type RecordResult, type WriteRequest } from './write-result';

export interface CollectionsOptions {
  /** Records per Collections request (≤200). */
  chunkSize: number;
  /** Pack chunks into `/composite` calls. */
  useComposite: boolean;
  /** Chunks per composite call (≤5). */
  compositeSubrequests: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** Retries of a whole request after a transient failure (idempotent writes only). */
  retry: BackoffOptions;
}

/** One write handed to `sendAll`. */
export interface CollectionsWrite {
  request: WriteRequest;
  /** Records already namespaced (an upsert's without `Id`), by input position. */
  prepared: readonly SalesforceRecord[];
  /** Positions to send. */
  pending: readonly number[];
  /** Extra request headers, e.g. `Sforce-Duplicate-Rule-Header`. */
  headers?: Record<string, string>;
  /** Parent key per position: one parent's records share a chunk (row locks). */
  keyOf?: (index: number) => string | undefined;
}

/** A chunk of one write (`write`: its position in `sendAll`'s list). */
type WriteChunk = Chunk & { write: number };

export interface CollectionsOutcome {
  outcome: Map<number, RecordResult>;
  requestFailed: Set<number>;
}

/**
 * Objects whose REST writes run active assignment rules unless told not to; the sync must
 * never re-assign Lead owners (reference §2.10).
 */
const AUTO_ASSIGN_OBJECTS = new Set(['lead', 'account', 'case']);

export class CollectionsWriter {
  constructor(
    private readonly http: SalesforceHttp,
    private readonly ns: Namespace,
    private readonly options: CollectionsOptions,
  ) {}

  /**
   * Sends each write's `pending` records (positions into its `prepared`, already namespaced) and
   * returns, per write, a result per position plus the positions whose whole request failed
   * transiently (safe to send again: the caller's retry loop does). Chunks of different writes
   * share composite calls, in order, so the writes must not depend on each other.
   */
  async sendAll(writes: readonly CollectionsWrite[]): Promise<CollectionsOutcome[]> {
    const chunks: WriteChunk[] = writes.flatMap((w, write) => planChunks(w.pending, this.options.chunkSize, w.keyOf).map((c) => ({ ...c, write })));
    const calls = packCalls(chunks, this.options.useComposite ? this.options.compositeSubrequests : 1);
    const outcomes: CollectionsOutcome[] = writes.map(() => ({ outcome: new Map(), requestFailed: new Set() }));
    const headersOf = writes.map((w) => ({ ...this.autoAssignHeaders(w.request.object), ...w.headers }));
    await runWithLocks(calls, this.options.concurrency, async (call) => {
      // A create (or event) may have gone through when its request failed: never re-sent whole.
      const idempotent = call.chunks.every((c) => writes[c.write].request.operation !== 'create');
      const answers = await this.withRequestRetry(idempotent, () => this.sendCall(writes, headersOf, call));
      call.chunks.forEach((chunk, c) => {
        const { request } = writes[chunk.write];
        const { outcome, requestFailed } = outcomes[chunk.write];
        const answer = answers[c];
        if (answer instanceof Error) {
          // A composite subrequest failed as a whole with a retryable error. Sending it again
          // is safe for idempotent writes only.
          const again = request.operation !== 'create';
          for (const index of chunk.indexes) {
            const code = again ? ((answer as SyncError).code ?? 'REQUEST_FAILED') : 'REQUEST_FAILED';
            outcome.set(index, failure(index, code, answer.message));
            if (again) requestFailed.add(index);
          }
          return;
        }
        if (answer.length !== chunk.indexes.length) {
          throw new ContractError(`Salesforce returned ${answer.length} results for ${chunk.indexes.length} records`, {
            code: 'BAD_COLLECTION_RESPONSE',
          });
        }
        chunk.indexes.forEach((index, i) => outcome.set(index, toRecordResult(index, answer[i], request.operation, this.ns.strip)));
      });
      this.http.usage.recordRecords(
        'collections',
        call.chunks.reduce((n, c) => n + c.indexes.length, 0),
      );
    });
    return outcomes;
  }

  /** Retries a whole request after a transient failure, for idempotent operations only. */
  private async withRequestRetry<T>(idempotent: boolean, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const retry = idempotent && error instanceof TransientError && attempt < this.options.retry.maxAttempts;
        if (!retry) throw error;
        await sleep(backoffDelay(attempt, this.options.retry));
      }
    }
  }

  /** One API call: a collection request, or a `/composite` request carrying several. */
  private async sendCall(
    writes: readonly CollectionsWrite[],
    headersOf: readonly Record<string, string>[],
    call: PlannedCall<WriteChunk>,
  ): Promise<Array<RawSaveResult[] | Error>> {
    const subrequests = call.chunks.map((chunk) => {
      const { request, prepared } = writes[chunk.write];
      return this.collectionRequest(request, chunk.indexes.map((i) => prepared[i]));
    });
    const requests = [...new Set(call.chunks.map((c) => writes[c.write].request))];
    const operation = requests.map((r) => `${r.operation} ${r.object}`).join(', ');
    if (subrequests.length === 1) {
      const [sub] = subrequests;
      const body = await this.http.send<RawSaveResult[]>('collections', operation, {
        method: sub.method,
        path: sub.path,
        body: sub.body,
        headers: headersOf[call.chunks[0].write],
      });
      return [body];
    }
    // Each subrequest carries its own write's headers; the outer request those all share.
    const subHeaders = call.chunks.map((c) => headersOf[c.write]);
    const shared = Object.fromEntries(Object.entries(subHeaders[0]).filter(([k, v]) => subHeaders.every((h) => h[k] === v)));
    const response = await this.http.send<CompositeResponse>('composite', `${operation} (composite)`, {
      method: 'POST',
      path: '/composite',
      headers: shared,
      body: {
        allOrNone: false,
        compositeRequest: subrequests.map((sub, i) => ({
          method: sub.method,
          url: `${this.http.basePath}${sub.path}`,
          referenceId: `chunk${i}`,
          ...(sub.body !== undefined ? { body: sub.body } : {}),
          ...(Object.keys(subHeaders[i]).length > 0 ? { httpHeaders: subHeaders[i] } : {}),
        })),
      },
    });
    const answers = response?.compositeResponse;
    if (!Array.isArray(answers) || answers.length !== subrequests.length) {
      throw new ContractError('Salesforce composite response does not match its subrequests', { code: 'BAD_COMPOSITE_RESPONSE' });
    }
    return subrequests.map((_sub, i) => {
      const answer = answers.find((a) => a.referenceId === `chunk${i}`) ?? answers[i];
      if (answer.httpStatusCode < 400 && Array.isArray(answer.body)) return answer.body as RawSaveResult[];
      const { request } = writes[call.chunks[i].write];
      const error = classifySalesforceError(subrequestError(answer.body), {
        operation: `${request.operation} ${request.object} (composite subrequest)`,
        status: answer.httpStatusCode,
      });
      if ((error as SyncError).retryable === true) return error;
      throw error;
    });
  }

  private collectionRequest(
    request: WriteRequest,
    records: SalesforceRecord[],
  ): { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown } {
    const type = this.ns.name(request.object);
    const withType = (record: SalesforceRecord): SalesforceRecord => ({ attributes: { type }, ...record });
    switch (request.operation) {
      case 'create':
        return { method: 'POST', path: '/composite/sobjects', body: { allOrNone: false, records: records.map(withType) } };
      case 'update':
        return {
          method: 'PATCH',
          path: '/composite/sobjects',
          body: {
            allOrNone: false,
            records: records.map(({ Id, ...rest }) => ({ attributes: { type }, id: Id, ...rest })),
          },
        };
      case 'upsert': {
        const field = this.ns.path(request.externalIdField as string);
        return {
          method: 'PATCH',
          path: `/composite/sobjects/${encodeURIComponent(type)}/${encodeURIComponent(field)}`,
          body: { allOrNone: false, records: records.map(withType) },
        };
      }
      case 'delete':
        return {
          method: 'DELETE',
          path: `/composite/sobjects?ids=${records.map((r) => r.Id as string).join(',')}&allOrNone=false`,
        };
    }
  }

  private autoAssignHeaders(object: string): Record<string, string> {
    return AUTO_ASSIGN_OBJECTS.has(object.toLowerCase()) ? { 'Sforce-Auto-Assign': 'FALSE' } : {};
  }
}
