/**
 * Turns zod issues into short messages that name the field path and the record, for errors
 * and 400 answers on both sides of the SalesWings contract. Messages never quote the
 * offending value: payloads carry emails and names (PII) and must not end up in logs,
 * Temporal histories or error reports.
 *
 * Free of Node built-ins like the contract itself.
 */
import { type z } from 'zod';

/** How many issues a message lists before it says "and N more". */
const MAX_LISTED_ISSUES = 3;

/** `['prospects', 3, 'lifecycle']` → `prospects[3].lifecycle`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * The `id` of the record an issue sits in — the object right under the first array index in
 * the path (`prospects[3]` → `prospects[3].id`) — when it is a short string. SalesWings and
 * Salesforce ids are opaque keys, not personal data.
 */
function recordIdOf(input: unknown, path: readonly PropertyKey[]): string | undefined {
  let node: unknown = input;
  for (let i = 0; i < path.length; i += 1) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[path[i] as string];
    if (typeof path[i] === 'number') {
      if (node === null || typeof node !== 'object') return undefined;
      const id = (node as Record<string, unknown>).id;
      return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
    }
  }
  return undefined;
}

/** One issue as `path: message (record id X)`. */
export function formatIssue(issue: z.core.$ZodIssue, input?: unknown): string {
  const id = input === undefined ? undefined : recordIdOf(input, issue.path);
  const record = id === undefined || issue.path[issue.path.length - 1] === 'id' ? '' : ` (record id ${id})`;
  return `${formatIssuePath(issue.path)}: ${issue.message}${record}`;
}

/**
 * All issues of a failed parse in one line, the first few spelled out:
 * `prospects[3].lifecycle: Invalid option: expected one of "Active"|"Merged"|"Deleted" (record id p0004)`.
 */
export function formatZodError(error: z.ZodError, input?: unknown, maxIssues = MAX_LISTED_ISSUES): string {
  const listed = error.issues.slice(0, maxIssues).map((issue) => formatIssue(issue, input));
  const rest = error.issues.length - listed.length;
  return rest > 0 ? `${listed.join('; ')}; and ${rest} more issue(s)` : listed.join('; ');
}
