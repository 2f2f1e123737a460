/**
 * The emulated SalesWings backend's data: definitions, prospects (indexed for keyset paging),
 * activities, and everything Salesforce sent back (`/records`, `/metrics`) kept for
 * assertions. Stored objects are never mutated in place: a change stores a new object, so a
 * page already handed out never changes under its reader.
 */
import {
  DEFAULT_PROSPECT_PAGE,
  type Activity,
  type MetricsRequest,
  type Prospect,
  type ProspectsQuery,
  type ProspectsResponse,
  type RecordRejection,
  type RecordsResponse,
  type RecordUpdate,
  type Score,
  type Tag,
} from '../../saleswings/contract';
import { decodeCursor, encodeCursor } from './cursor';
import { type Dataset } from './dataset';
import { ApiError } from './http-io';
import { ProspectIndex } from './prospect-index';

/** One `POST /records` as received, with the answer given. */
export interface ReceivedRecordsRequest {
  receivedAt: string;
  records: RecordUpdate[];
  accepted: number;
  rejected: RecordRejection[];
}

/** One `POST /metrics` as received. */
export interface ReceivedMetrics {
  receivedAt: string;
  metrics: MetricsRequest;
}

export class SalesWingsStore {
  readonly tags = new Map<string, Tag>();
  readonly scores = new Map<string, Score>();
  readonly prospects = new ProspectIndex();
  /** By prospect id, in the order they were added. */
  readonly activities = new Map<string, Activity[]>();
  readonly recordRequests: ReceivedRecordsRequest[] = [];
  readonly metrics: ReceivedMetrics[] = [];
  /** Latest `updatedAt` ever held (epoch ms); unlike the index's maximum it never goes back on a purge. */
  #highWaterMs: number | undefined;

  /** Replaces all data; received records and metrics are kept (see `clearReceived`). */
  load(dataset: Dataset): void {
    this.tags.clear();
    this.scores.clear();
    this.activities.clear();
    for (const tag of dataset.tags) this.tags.set(tag.id, { ...tag });
    for (const score of dataset.scores) this.scores.set(score.id, { ...score });
    this.prospects.load(dataset.prospects.map((p) => structuredClone(p)));
    this.#highWaterMs = this.prospects.maxUpdatedMs();
    for (const activity of dataset.activities) {
      const list = this.activities.get(activity.prospectId);
      if (list) list.push({ ...activity });
      else this.activities.set(activity.prospectId, [{ ...activity }]);
    }
  }

  clearReceived(): void {
    this.recordRequests.length = 0;
    this.metrics.length = 0;
  }

  /** A copy of the data, in serving order. */
  snapshot(): Dataset {
    return structuredClone({
      tags: [...this.tags.values()],
      scores: [...this.scores.values()],
      prospects: this.prospects.all(),
      activities: [...this.activities.values()].flat(),
    });
  }

  /**
   * The instant a change made now gets: the clock, but never at or before the latest
   * `updatedAt` held — so a changed prospect always sorts after every cursor handed out and
   * is seen again, even when the clock stands still or a dataset carries future instants.
   */
  changeInstant(now: Date): string {
    const latest = this.#highWaterMs;
    const ms = latest === undefined ? now.getTime() : Math.max(now.getTime(), latest + 1);
    return new Date(ms).toISOString();
  }

  /** `GET /prospects`: one page after the cursor, `updatedAt >= since`. */
  prospectPage(query: ProspectsQuery, serverTime: Date): ProspectsResponse {
    const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && position === undefined) {
      throw new ApiError(400, 'invalid_cursor', 'cursor is not one this server issued');
    }
    const querySince = query.since === undefined ? null : Date.parse(query.since);
    if (position && query.since !== undefined && position.since !== querySince) {
      throw new ApiError(400, 'invalid_cursor', 'cursor was issued for a different since');
    }
    const since = position ? position.since : querySince;
    const limit = query.limit ?? DEFAULT_PROSPECT_PAGE;
    const page = this.prospects.page(since ?? undefined, position, limit);
    const last = page.items[page.items.length - 1];
    return {
      prospects: structuredClone(page.items),
      nextCursor: page.more && last ? encodeCursor({ t: Date.parse(last.updatedAt), id: last.id, since }) : null,
      serverTime: serverTime.toISOString(),
    };
  }

  /** `POST /prospects/activities`: activities of the known ones among `ids`, in request order. */
  activitiesOf(ids: readonly string[]): Activity[] {
    return ids.flatMap((id) => this.activities.get(id) ?? []).map((a) => ({ ...a }));
  }

  /**
   * `POST /records`: accepts records naming a known prospect (or none: a Lead/Contact that
   * was unlinked), rejects the others with a message.
   */
  receiveRecords(records: RecordUpdate[], receivedAt: Date): RecordsResponse {
    const rejected: RecordRejection[] = [];
    for (const record of records) {
      if (record.prospectId !== null && !this.prospects.get(record.prospectId)) {
        rejected.push({ id: record.id, message: `unknown prospect ${record.prospectId}` });
      }
    }
    const answer = { accepted: records.length - rejected.length, rejected };
    this.recordRequests.push({ receivedAt: receivedAt.toISOString(), records: structuredClone(records), ...structuredClone(answer) });
    return answer;
  }

  receiveMetrics(metrics: MetricsRequest, receivedAt: Date): void {
    this.metrics.push({ receivedAt: receivedAt.toISOString(), metrics: structuredClone(metrics) });
  }

  /** Stores new versions of prospects (their `updatedAt` decides their place in the order). */
  putProspects(prospects: readonly Prospect[]): void {
    this.prospects.putMany(prospects);
    const latest = this.prospects.maxUpdatedMs();
    if (latest !== undefined && (this.#highWaterMs === undefined || latest > this.#highWaterMs)) this.#highWaterMs = latest;
  }

  /** Removes a prospect and its activities ("physically deleted" in SalesWings). */
  purgeProspect(id: string): boolean {
    this.activities.delete(id);
    return this.prospects.remove(id);
  }
}
