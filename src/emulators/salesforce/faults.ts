/**
 * Fault injection: failures a real org produces under load or misconfiguration, on demand.
 * - `unavailable`: HTTP 503 on matching requests, `times` times (jsforce retries GET/PUT/DELETE).
 * - `requestLimitAfter`: once N API calls were made, every call answers 403 REQUEST_LIMIT_EXCEEDED.
 * - `lockedRecords`: UNABLE_TO_LOCK_ROW as a per-record error when a write touches the id
 *   (the record itself or its master-detail parent), `times` times per id.
 * - `latencyMs`: added to every REST request.
 */
import { z } from 'zod';

export const faultSpecSchema = z.object({
  unavailable: z
    .array(
      z.object({
        /** Request kind as counted (`query`, `collections-upsert`, `bulk-ingest-upload`, …). */
        kind: z.string().optional(),
        method: z.string().optional(),
        /** Regular expression tested against the path. */
        path: z.string().optional(),
        times: z.number().int().positive().default(1),
        status: z.number().int().min(400).max(599).default(503),
      }),
    )
    .optional(),
  requestLimitAfter: z.number().int().nonnegative().optional(),
  lockedRecords: z.array(z.object({ id: z.string().min(15), times: z.number().int().positive().default(1) })).optional(),
  latencyMs: z.number().int().nonnegative().optional(),
});

export type FaultSpec = z.input<typeof faultSpecSchema>;
type ParsedSpec = z.output<typeof faultSpecSchema>;

interface Unavailable {
  kind?: string;
  method?: string;
  path?: RegExp;
  remaining: number;
  status: number;
}

export class Faults {
  private unavailable: Unavailable[] = [];
  private locked = new Map<string, number>();
  requestLimitAfter: number | undefined;
  latencyMs = 0;
  /** Latency configured at start-up; survives `clear()`. */
  baseLatencyMs = 0;

  /** Replaces the faults of every category present in `spec`. */
  set(spec: FaultSpec): void {
    const parsed: ParsedSpec = faultSpecSchema.parse(spec);
    if (parsed.unavailable) {
      this.unavailable = parsed.unavailable.map((u) => ({ kind: u.kind, method: u.method?.toUpperCase(), path: u.path ? new RegExp(u.path) : undefined, remaining: u.times, status: u.status }));
    }
    if (parsed.requestLimitAfter !== undefined) this.requestLimitAfter = parsed.requestLimitAfter;
    if (parsed.lockedRecords) {
      this.locked = new Map();
      for (const l of parsed.lockedRecords) this.locked.set(l.id.slice(0, 15), l.times);
    }
    if (parsed.latencyMs !== undefined) this.latencyMs = parsed.latencyMs;
  }

  clear(): void {
    this.unavailable = [];
    this.locked.clear();
    this.requestLimitAfter = undefined;
    this.latencyMs = 0;
  }

  /** Status to fail this request with, consuming one occurrence; undefined to proceed. */
  takeUnavailable(kind: string, method: string, path: string): number | undefined {
    const hit = this.unavailable.find((u) => u.remaining > 0 && (!u.kind || u.kind === kind) && (!u.method || u.method === method) && (!u.path || u.path.test(path)));
    if (!hit) return undefined;
    hit.remaining -= 1;
    return hit.status;
  }

  /** The first locked id among `ids`, consuming one occurrence. */
  takeLocked(ids: string[]): string | undefined {
    for (const id of ids) {
      const key = id.slice(0, 15);
      const remaining = this.locked.get(key);
      if (remaining && remaining > 0) {
        this.locked.set(key, remaining - 1);
        return id;
      }
    }
    return undefined;
  }
}
