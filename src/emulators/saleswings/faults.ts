/**
 * Fault injection per endpoint. Rules are kept in the order they were added; each API request
 * consumes the first rule whose method and path pattern match and that has uses left
 * (`times`: a count, default 1, or `'always'`). Kinds:
 *
 * - `status`     answer `status` (e.g. 503) with the error body, optionally with `Retry-After`;
 *                the request is not processed.
 * - `rate-limit` answer 429 with `Retry-After` (seconds, default 1, or an HTTP-date).
 * - `latency`    wait `ms`, then answer normally.
 * - `malformed`  process the request, then answer valid JSON that breaks the contract: `field`
 *                (e.g. `prospects[0].lifecycle`) set to `value`, or a per-endpoint default
 *                (a prospect with `lifecycle: 'Zombie'`, a tag with `archived: 'sometimes'`…).
 * - `truncate`   process the request, then send only the first `fraction` (default 0.5) of the
 *                JSON. `mode: 'end'` (default) ends the HTTP message cleanly after the cut, so the
 *                client holds a complete response whose JSON is incomplete; `mode: 'reset'`
 *                announces the full length and closes the connection mid-body (a network error).
 *
 * Every kind also takes `delayMs`, applied before it acts.
 */
import { z } from 'zod';

const common = {
  /** `GET`, `POST`; any method when absent. */
  method: z.string().toUpperCase().optional(),
  /** Path below the base URL: `/prospects`, `/prospects/*`, `*`. */
  path: z.string().min(1),
  times: z.union([z.number().int().positive(), z.literal('always')]).default(1),
  delayMs: z.number().int().min(0).optional(),
};
const retryAfter = z.union([z.number().min(0), z.string().min(1)]);

export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), ...common, status: z.number().int().min(400).max(599), retryAfter: retryAfter.optional() }),
  z.object({ kind: z.literal('rate-limit'), ...common, retryAfter: retryAfter.default(1) }),
  z.object({ kind: z.literal('latency'), ...common, ms: z.number().int().min(0) }),
  z.object({ kind: z.literal('malformed'), ...common, field: z.string().min(1).optional(), value: z.unknown().optional() }),
  z.object({
    kind: z.literal('truncate'),
    ...common,
    fraction: z.number().gt(0).lt(1).default(0.5),
    mode: z.enum(['end', 'reset']).default('end'),
  }),
]);

/** A fault as given by a test or the admin API. */
export type FaultSpec = z.input<typeof faultSpecSchema>;
/** A fault with its defaults applied. */
export type Fault = z.output<typeof faultSpecSchema>;

/** A rule in the plan, with the uses it has left. */
export interface FaultRule {
  fault: Fault;
  remaining: number | 'always';
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class FaultPlan {
  #rules: { rule: FaultRule; path: RegExp }[] = [];

  /** Appends rules (validated; the error names the field). */
  add(specs: readonly FaultSpec[]): void {
    const parsed = z.array(faultSpecSchema).parse(specs);
    for (const fault of parsed) {
      this.#rules.push({ rule: { fault, remaining: fault.times }, path: patternToRegExp(fault.path) });
    }
  }

  clear(): void {
    this.#rules = [];
  }

  list(): FaultRule[] {
    return this.#rules.map(({ rule }) => ({ fault: { ...rule.fault }, remaining: rule.remaining }));
  }

  /** Consumes and returns the fault for this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#rules.findIndex(
      ({ rule, path: pattern }) => (rule.fault.method === undefined || rule.fault.method === method) && pattern.test(path),
    );
    if (index < 0) return undefined;
    const { rule } = this.#rules[index];
    if (rule.remaining !== 'always') {
      rule.remaining -= 1;
      if (rule.remaining === 0) this.#rules.splice(index, 1);
    }
    return rule.fault;
  }
}

/** Default contract breaks per endpoint, when a `malformed` fault names no field. */
const DEFAULT_BREAKS: Record<string, (body: Record<string, unknown>) => void> = {
  'GET /prospects': (body) => {
    const list = body.prospects as Record<string, unknown>[];
    if (list.length > 0) list[Math.min(3, list.length - 1)].lifecycle = 'Zombie';
    else body.nextCursor = 42;
  },
  'GET /tags': (body) => {
    const list = body.tags as Record<string, unknown>[];
    if (list.length > 0) list[0].archived = 'sometimes';
    else body.tags = 'none';
  },
  'GET /scores': (body) => {
    const list = body.scores as Record<string, unknown>[];
    if (list.length > 0) list[0].updatedAt = 'yesterday';
    else body.scores = 'none';
  },
  'POST /prospects/activities': (body) => {
    const list = body.activities as Record<string, unknown>[];
    if (list.length > 0) list[0].kind = 'phone-call';
    else body.activities = null;
  },
  'POST /records': (body) => {
    body.accepted = -1;
  },
  'POST /metrics': (body) => {
    body.ok = 'yes';
  },
};

/** `prospects[3].lifecycle` or `prospects.3.lifecycle` → `['prospects', 3, 'lifecycle']`. */
function parseFieldPath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Breaks a response body in place as a `malformed` fault asks. */
export function breakContract(endpoint: string, body: unknown, fault: Extract<Fault, { kind: 'malformed' }>): unknown {
  const root = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (fault.field === undefined) {
    (DEFAULT_BREAKS[endpoint] ?? ((b) => (b.unexpected = true)))(root);
    return root;
  }
  const path = parseFieldPath(fault.field);
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i];
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = fault.value === undefined ? '__malformed__' : fault.value;
  return root;
}
