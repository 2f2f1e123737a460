/**
 * Walks the Accounts of the org in Id order, a page at a time (keyset `Id > last`), and hands
 * each page to a roll-up step. An org can hold 100k Accounts: after each page the position, the
 * step's figures and the deletions already allowed are heartbeated, and a retried attempt resumes
 * from them (re-doing a page is harmless: every write is keyed and only differences are written).
 *
 * The children of a page (contacts' tag copies, account tags, opportunities…) are read with an
 * Id range on their Account reference instead of an IN list: one short query per page whatever
 * the page size, where 2,000 Ids in an IN list would need several URLs.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { type SalesforceRecord } from '../../salesforce/namespace';
import { soqlString } from '../../salesforce/soql';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { DeletionBudget, type DeletionState } from '../support/deletion';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';

/** Largest page: one query page of Accounts, and the row cap of one aggregate query. */
export const MAX_ACCOUNT_PAGE = 2000;

/** Heartbeat interval while a page is being worked on (long writes, Bulk jobs). */
const KEEPALIVE_MS = 20_000;

/** One page of Accounts. */
export interface AccountPage {
  /** The Accounts as read: `Id` plus the fields the step asked for. */
  readonly accounts: readonly SalesforceRecord[];
  /** Their Ids in the order Salesforce compares Ids (ranges below rely on it). */
  readonly ids: readonly string[];
  /** Whether a record Id belongs to this page. */
  has(id: unknown): boolean;
  /** `<field> >= first AND <field> <= last` over `ids[from..to]` (default: the whole page). */
  range(field: string, from?: number, to?: number): string;
}

/** What a page handler works with. */
export interface PageContext {
  readonly deps: ActivityDeps;
  readonly input: StepInput;
  readonly tally: StepTally;
  readonly deletions: DeletionBudget;
}

export interface AccountPagesSpec {
  /** Account fields to read besides `Id`. */
  readonly fields?: readonly string[];
  /** An extra condition on Account, e.g. a semi-join to Accounts that have Opportunities. */
  readonly where?: string;
}

/** Heartbeat details of a roll-up step. */
interface Checkpoint {
  afterId?: string;
  pages: number;
  tally: StepResult;
  deletions: DeletionState;
}

/**
 * Salesforce compares Ids case-sensitively, by their characters: the range ends are taken in that
 * (code-unit) order rather than as the page came back, so the range covers every Id of the page
 * even where an ORDER BY collates differently.
 */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function makePage(accounts: SalesforceRecord[]): AccountPage {
  const ids = accounts.map((a) => a.Id as string).sort(compareIds);
  const members = new Set(ids);
  return {
    accounts,
    ids,
    has: (id) => typeof id === 'string' && members.has(id),
    range: (field, from = 0, to = ids.length - 1) => `${field} >= ${soqlString(ids[from])} AND ${field} <= ${soqlString(ids[to])}`,
  };
}

/** The page size of a roll-up step: its Workflow Options `batchSize`, at most one query page. */
export function accountPageSize(input: StepInput): number {
  return Math.max(1, Math.min(MAX_ACCOUNT_PAGE, input.options.steps[input.step].batchSize));
}

/**
 * Runs `handle` for every page of Accounts and returns the step's tally (resumed from the last
 * heartbeat on a retry). Per-record failures are in the tally; classified errors (deletion
 * guard, API) propagate.
 */
export async function forEachAccountPage(
  deps: ActivityDeps,
  input: StepInput,
  spec: AccountPagesSpec,
  handle: (page: AccountPage, context: PageContext) => Promise<void>,
): Promise<{ tally: StepTally }> {
  const resumed = activityInfo().heartbeatDetails as Checkpoint | undefined;
  const tally = StepTally.from(resumed?.tally, input.options.reporting.maxErrorsPerStep);
  const deletions = new DeletionBudget(deps, input, resumed?.deletions ?? {});
  const context: PageContext = { deps, input, tally, deletions };
  const size = accountPageSize(input);
  const fields = ['Id', ...(spec.fields ?? []).filter((f) => f.toLowerCase() !== 'id')];
  let afterId = resumed?.afterId;
  let pages = resumed?.pages ?? 0;
  let checkpoint: Checkpoint = { afterId, pages, tally: tally.result(), deletions: deletions.snapshot() };

  for (;;) {
    const conditions = [spec.where, afterId ? `Id > ${soqlString(afterId)}` : undefined].filter(Boolean);
    const accounts = await deps.salesforce.queryAll(
      `SELECT ${[...new Set(fields)].join(', ')} FROM Account` +
        (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '') +
        ` ORDER BY Id LIMIT ${size}`,
    );
    if (accounts.length === 0) break;
    // The last heartbeat is repeated while the page is worked on, so a long write (or Bulk job)
    // does not look like a stalled activity; a retry still resumes from the last finished page.
    const keepAlive = setInterval(() => heartbeat(checkpoint), KEEPALIVE_MS);
    keepAlive.unref();
    try {
      await handle(makePage(accounts), context);
    } finally {
      clearInterval(keepAlive);
    }
    pages += 1;
    afterId = accounts[accounts.length - 1].Id as string;
    checkpoint = { afterId, pages, tally: tally.result(), deletions: deletions.snapshot() };
    heartbeat(checkpoint);
    if (accounts.length < size) break;
  }
  tally.details.pages = pages;
  return { tally };
}
