/**
 * The screenshots of docs/web-ui.md, one function each. File names are what the document
 * links; every shot waits for the content it is meant to show.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { screenshot, type ShotOptions } from './browser';
import { type RunRef } from './scenario';
import { openSchedule, openWorkflow, openWorkflowList, scrollTo, waitForUserMetadata, type UiTarget } from './web-ui-pages';

export interface ShotContext {
  page: Page;
  ui: UiTarget;
  /** Directory the PNGs are written to (docs/images). */
  outDir: string;
  /** Called with each file written. */
  onShot: (file: string) => void;
}

/** The User Metadata tab ends with the Current Details iframe or the list of events with metadata. */
const USER_METADATA_BOTTOM = ['iframe[title="output"]', 'h3:text-is("Events with Metadata") >> xpath=../..'];
/** A workflow list ends with its pagination bar, below the table. */
const LIST_BOTTOM = { bottomOf: ['table'], margin: 76 };

async function save(ctx: ShotContext, name: string, options: ShotOptions = {}): Promise<void> {
  const file = path.join(ctx.outDir, name);
  await screenshot(ctx.page, file, options);
  ctx.onShot(file);
}

/**
 * Columns of the run list: the product's search attributes next to the Temporal status (the
 * run ids carry the start time; 1440 pixels hold no more columns).
 */
export const RUN_COLUMNS = ['Status', 'Workflow ID', 'SyncOutcome', 'SyncMode', 'SyncFailedRecords'];
/** Columns of a prospect's match workflows. */
export const MATCH_COLUMNS = ['Status', 'Workflow ID', 'ProspectId', 'Start', 'End'];

/** (1) A finished run: summary, Current Details table with first errors, activity summaries. */
export async function finishedRunDetails(ctx: ShotContext, run: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, run.workflowId, run.runId, 'user-metadata', 1500);
  await waitForUserMetadata(ctx.page, 'First errors');
  await save(ctx, 'web-ui-finished-run-details.png', { height: 1500, bottomOf: USER_METADATA_BOTTOM });
}

/**
 * (1) The same run's timeline: one bar per activity, labelled with its summary. "Minimized"
 * (the default) shows ten rows in a scroll box; "Expanded" shows the whole run.
 */
export async function finishedRunTimeline(ctx: ShotContext, run: RunRef): Promise<void> {
  const { page } = ctx;
  await openWorkflow(page, ctx.ui, run.workflowId, run.runId, 'history', 1000);
  await page.getByText('SendRecordUpdates: Send changed matched Leads/Contacts to SalesWings').first().waitFor();
  await page.getByRole('button', { name: 'Minimized' }).click();
  await page.getByRole('button', { name: 'Expanded' }).waitFor();
  await page.getByText('getTags • GetTags: Upsert SalesWings tag definitions').first().waitFor();
  // Below the UI's fixed top bar.
  await scrollTo(page, 'h2:text-is("Event History")', 72);
  // The button's tooltip would cover the first rows.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
  await save(ctx, 'web-ui-finished-run-timeline.png', { height: 1000 });
  await page.getByRole('button', { name: 'Expanded' }).click();
}

/** (1) The run's search attributes, as the list filters on them. */
export async function finishedRunSearchAttributes(ctx: ShotContext, run: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, run.workflowId, run.runId, 'search-attributes');
  await ctx.page.getByText('"SyncOutcome"').first().waitFor();
  await save(ctx, 'web-ui-finished-run-search-attributes.png', { bottomOf: ['.cm-editor'] });
}

/** A failed run's Current Details: the failed step and its reason. */
export async function failedRunDetails(ctx: ShotContext, run: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, run.workflowId, run.runId, 'user-metadata', 1500);
  await waitForUserMetadata(ctx.page, 'First errors');
  await save(ctx, 'web-ui-failed-run-details.png', { height: 1500, bottomOf: USER_METADATA_BOTTOM });
}

/** (2) A running run: the step in progress in Current Details, activities so far. */
export async function runningRunDetails(ctx: ShotContext, run: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, run.workflowId, run.runId, 'user-metadata');
  await waitForUserMetadata(ctx.page, 'running');
  await save(ctx, 'web-ui-running-run-details.png');
}

/** (2) The running run's pending activity: type, attempt, start time, worker. */
export async function runningRunPendingActivity(ctx: ShotContext, run: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, run.workflowId, run.runId, 'pending-activities');
  await ctx.page.getByText('getProspects').first().waitFor();
  await ctx.page.getByText('Last Started Time').first().waitFor();
  await ctx.page.waitForTimeout(600);
  await save(ctx, 'web-ui-running-run-pending-activity.png', { bottomOf: ['text=Last Worker Identity >> xpath=../..'] });
}

/** (3) A prospect's match workflow: input and result (status, attempts, failures). */
export async function matchWorkflow(ctx: ShotContext, match: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, match.workflowId, match.runId, 'history', 1000);
  await ctx.page.getByText('"attempts"').first().waitFor();
  await save(ctx, 'web-ui-match-workflow.png', { height: 1000 });
}

/** (3) The match workflow's summary and Current Details. */
export async function matchWorkflowDetails(ctx: ShotContext, match: RunRef): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, match.workflowId, match.runId, 'user-metadata');
  await waitForUserMetadata(ctx.page, 'Last error');
  await save(ctx, 'web-ui-match-workflow-details.png', { bottomOf: USER_METADATA_BOTTOM });
}

/** The run history of the connection, with the product's columns. */
export async function runList(ctx: ShotContext, query: string, expectedIds: readonly string[]): Promise<void> {
  await openWorkflowList(ctx.page, ctx.ui, query, RUN_COLUMNS, expectedIds);
  await save(ctx, 'web-ui-run-list.png', LIST_BOTTOM);
}

/** (4) "Runs that failed". */
export async function failedRunsQuery(ctx: ShotContext, query: string, expectedIds: readonly string[]): Promise<void> {
  await openWorkflowList(ctx.page, ctx.ui, query, RUN_COLUMNS, expectedIds);
  await save(ctx, 'web-ui-query-failed-runs.png', LIST_BOTTOM);
}

/** (4) "The match workflows of prospect X". */
export async function prospectQuery(ctx: ShotContext, query: string, expectedIds: readonly string[]): Promise<void> {
  await openWorkflowList(ctx.page, ctx.ui, query, MATCH_COLUMNS, expectedIds);
  await save(ctx, 'web-ui-query-prospect.png', LIST_BOTTOM);
}

/** (5) The schedule: spec, recent and upcoming runs. */
export async function schedulePage(ctx: ShotContext, scheduleId: string, runWorkflowId: string): Promise<void> {
  await openSchedule(ctx.page, ctx.ui, scheduleId, runWorkflowId, 1000);
  await save(ctx, 'web-ui-schedule.png', { height: 1000 });
}

/** The state workflow's `state` query, run from the Queries tab. */
export async function stateQuery(ctx: ShotContext, state: RunRef, expect: string): Promise<void> {
  await openWorkflow(ctx.page, ctx.ui, state.workflowId, state.runId, 'query', 1100);
  await ctx.page.getByRole('button', { name: 'Run Query' }).click();
  await ctx.page.getByText(expect).first().waitFor();
  await ctx.page.waitForTimeout(600);
  await save(ctx, 'web-ui-state-query.png', { height: 1100 });
}

/**
 * The `requestFullSync` signal sent from "More Actions → Send a Signal" of the state workflow,
 * screenshotted with its input filled in, then really sent.
 */
export async function sendFullSyncSignal(ctx: ShotContext, state: RunRef, input: string): Promise<void> {
  const { page } = ctx;
  await openWorkflow(page, ctx.ui, state.workflowId, state.runId, 'history');
  await page.getByRole('button', { name: 'More Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send a Signal' }).click();
  // The dialog element is rendered twice (one for small screens); the open one is the modal.
  const modal = page.locator('dialog[open][data-testid="signal-confirmation-modal"]');
  await modal.getByTestId('signal-select-button').click();
  await modal.getByRole('option', { name: 'requestFullSync' }).click();
  const editor = modal.locator('.cm-content').first();
  await editor.click();
  await page.keyboard.type(input);
  await modal.getByText(input.slice(0, 12)).first().waitFor();
  await page.waitForTimeout(600);
  await save(ctx, 'web-ui-signal-request-full-sync.png');
  await modal.getByRole('button', { name: /^(Submit|Send|Confirm)/ }).first().click();
  await modal.waitFor({ state: 'hidden' });
}
