/**
 * `POST /composite`: up to 25 subrequests, at most 5 of them sObject Collections or queries,
 * executed in order in one request that counts as ONE API call. `@{ref.path}` references
 * reach earlier results; `allOrNone` runs everything in one transaction and overrides the
 * subrequests' own flags.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-composite-post.html
 */
import type { Org } from '../org';
import { ApiError, JSON_TYPE, json, readJson, type ApiRequest, type Reply } from './api-types';

export const MAX_SUBREQUESTS = 25;
export const MAX_COLLECTIONS_AND_QUERIES = 5;

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

/** Runs one subrequest through the REST routes (synchronously, uncounted). */
export type InternalDispatch = (method: string, url: string, body: unknown, headers: Record<string, string>, parent: ApiRequest) => Reply;

const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

function lookup(results: Map<string, unknown>, expression: string): { found: boolean; value: unknown } {
  const [ref, ...rest] = expression.split('.');
  if (!results.has(ref)) return { found: false, value: undefined };
  let value = results.get(ref);
  const path = rest.join('.').replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  for (const part of path) {
    if (value === null || typeof value !== 'object') return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[part];
  }
  return { found: value !== undefined, value };
}

class UnresolvedReference extends Error {}

function substitute(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole) {
      const hit = lookup(results, whole[1]);
      if (!hit.found) throw new UnresolvedReference(whole[1]);
      return hit.value;
    }
    return value.replace(/@\{([^}]+)\}/g, (_m, expr: string) => {
      const hit = lookup(results, expr);
      if (!hit.found) throw new UnresolvedReference(expr);
      return String(hit.value);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  return value;
}

function isCollectionOrQuery(url: string): boolean {
  return /\/composite\/sobjects|\/query(All)?(\/|\?|$)/.test(url);
}

function collectionFailed(reply: Reply): boolean {
  return Array.isArray(reply.body) && reply.body.some((r) => r && typeof r === 'object' && (r as { success?: boolean }).success === false);
}

export function handleComposite(org: Org, dispatch: InternalDispatch, req: ApiRequest): Reply {
  const body = readJson<{ allOrNone?: boolean; compositeRequest?: Subrequest[] }>(req);
  const subrequests = body.compositeRequest;
  if (!Array.isArray(subrequests) || subrequests.length === 0) throw new ApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
  if (subrequests.length > MAX_SUBREQUESTS) throw new ApiError(400, 'INVALID_INPUT', `Composite request size exceeds the limit of ${MAX_SUBREQUESTS} subrequests`);
  if (subrequests.filter((s) => isCollectionOrQuery(String(s.url))).length > MAX_COLLECTIONS_AND_QUERIES) {
    throw new ApiError(400, 'INVALID_INPUT', `A composite request can contain at most ${MAX_COLLECTIONS_AND_QUERIES} sObject Collections and query subrequests`);
  }
  const ids = new Set<string>();
  for (const s of subrequests) {
    if (!s.referenceId || ids.has(s.referenceId)) throw new ApiError(400, 'INVALID_INPUT', `Duplicate or missing referenceId: ${String(s.referenceId)}`);
    ids.add(s.referenceId);
  }
  const allOrNone = body.allOrNone === true;
  const results = new Map<string, unknown>();
  const responses: Array<Record<string, unknown>> = [];

  org.transaction(() => {
    const start = org.store.tx.savepoint();
    let halted = false;
    for (const sub of subrequests) {
      if (halted) {
        responses.push({ body: [{ errorCode: 'PROCESSING_HALTED', message: HALTED }], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
        continue;
      }
      let reply: Reply;
      try {
        let url = String(substitute(sub.url, results));
        let subBody = sub.body === undefined ? undefined : substitute(sub.body, results);
        if (allOrNone && /\/composite\/sobjects/.test(url)) {
          // The outer allOrNone overrides the collection's own flag.
          if (subBody && typeof subBody === 'object' && !Array.isArray(subBody)) subBody = { ...subBody, allOrNone: true };
          if (sub.method.toUpperCase() === 'DELETE') url = url.replace(/allOrNone=[^&]*/, '').replace(/\?&?$/, '') + (url.includes('?') ? '&' : '?') + 'allOrNone=true';
        }
        reply = dispatch(sub.method.toUpperCase(), url, subBody, sub.httpHeaders ?? {}, req);
      } catch (error) {
        if (!(error instanceof UnresolvedReference)) throw error;
        reply = json(400, [{ errorCode: 'PROCESSING_HALTED', message: `Invalid reference specified. No value for ${error.message} found in ${sub.referenceId}. Provided referenceId ('${error.message.split('.')[0]}') is not yet defined or its value is null.` }]);
      }
      const failed = reply.status >= 400 || (allOrNone && collectionFailed(reply));
      responses.push({ body: reply.body ?? null, httpHeaders: reply.headers ?? {}, httpStatusCode: reply.status, referenceId: sub.referenceId });
      if (reply.status < 400) results.set(sub.referenceId, reply.body);
      if (failed && allOrNone) {
        org.store.rollbackTo(start);
        // Earlier successes were rolled back with the failure.
        for (const r of responses.slice(0, -1)) {
          if ((r.httpStatusCode as number) < 400) Object.assign(r, { body: [{ errorCode: 'PROCESSING_HALTED', message: HALTED }], httpHeaders: {}, httpStatusCode: 400 });
        }
        halted = true;
      }
    }
  });
  return { status: 200, body: { compositeResponse: responses }, contentType: JSON_TYPE };
}
