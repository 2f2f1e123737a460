/**
 * Platform event bus. Events accepted by DML are released when the publishing transaction
 * commits (PublishAfterCommit; a rolled-back allOrNone request publishes nothing), recorded
 * with a replay id, and delivered to subscribers asynchronously after a configurable delay —
 * as in an org, where event triggers run later in their own transaction.
 */
import type { PendingEvent } from './store/store';

export interface PublishedEvent {
  sobject: string;
  id: string;
  uuid: string;
  replayId: number;
  payload: Record<string, unknown>;
  publishedAt: string;
  delivered: boolean;
}

export type EventSubscriber = (events: PublishedEvent[]) => void;

export class EventBus {
  private readonly log: PublishedEvent[] = [];
  private pending: PublishedEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private replay = 0;
  private readonly subscribers = new Map<string, EventSubscriber>();

  constructor(private readonly deliveryDelayMs: number) {}

  subscribe(sobject: string, subscriber: EventSubscriber): void {
    this.subscribers.set(sobject, subscriber);
  }

  publish(events: PendingEvent[]): void {
    if (events.length === 0) return;
    const publishedAt = new Date().toISOString();
    for (const e of events) {
      const event: PublishedEvent = { sobject: e.sobject, id: e.id, uuid: e.uuid, replayId: ++this.replay, payload: { ...e.payload, ReplayId: String(this.replay + 0) }, publishedAt, delivered: false };
      this.log.push(event);
      this.pending.push(event);
    }
    this.timer ??= setTimeout(() => this.deliver(), this.deliveryDelayMs);
  }

  /** Delivers everything pending now, in publish order, grouped by event type. */
  deliver(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bySobject = new Map<string, PublishedEvent[]>();
      for (const e of batch) {
        const list = bySobject.get(e.sobject) ?? [];
        list.push(e);
        bySobject.set(e.sobject, list);
      }
      for (const [sobject, events] of bySobject) {
        const subscriber = this.subscribers.get(sobject);
        // Event triggers receive at most 2,000 events per invocation.
        for (let i = 0; i < events.length; i += 2000) {
          const chunk = events.slice(i, i + 2000);
          try {
            subscriber?.(chunk);
          } catch {
            // A failing trigger must not crash the org.
          }
          for (const e of chunk) e.delivered = true;
        }
      }
    }
  }

  /** Resolves once every event published so far has been delivered (delivering them now). */
  flush(): Promise<void> {
    this.deliver();
    return Promise.resolve();
  }

  /** Number of events published so far (without copying the log). */
  get publishedCount(): number {
    return this.log.length;
  }

  published(sobject?: string): PublishedEvent[] {
    const lower = sobject?.toLowerCase();
    return this.log.filter((e) => !lower || e.sobject.toLowerCase() === lower).map((e) => ({ ...e, payload: { ...e.payload } }));
  }

  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.log.length = 0;
    this.pending = [];
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
