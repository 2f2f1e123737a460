/**
 * Opening pages of the Temporal Web UI and waiting until they show what a screenshot needs:
 * a workflow's tabs, the workflow list with a query, a schedule. Every wait is on content
 * (text, rows, the rendered Current Details), never a fixed sleep alone.
 */
import { type FrameLocator, type Page } from 'playwright-core';
import { setWorkflowColumns, VIEWPORT } from './browser';

export type WorkflowTab = 'history' | 'pending-activities' | 'user-metadata' | 'search-attributes' | 'query';

export interface UiTarget {
  /** Web UI base address, e.g. http://127.0.0.1:8233. */
  url: string;
  namespace: string;
}

/** Layout and the last network answers settle after the content arrived (fonts, row heights). */
const SETTLE_MS = 600;

/** `/namespaces/<ns>/workflows/<id>/<runId>/<tab>`. */
export function workflowPath(ui: UiTarget, workflowId: string, runId: string, tab: WorkflowTab): string {
  return `/namespaces/${ui.namespace}/workflows/${encodeURIComponent(workflowId)}/${runId}/${tab}`;
}

/** `/namespaces/<ns>/workflows?query=…` — the address a filtered list has, to bookmark or share. */
export function listPath(ui: UiTarget, query: string): string {
  return `/namespaces/${ui.namespace}/workflows?query=${encodeURIComponent(query)}`;
}

async function open(page: Page, ui: UiTarget, path: string, height: number): Promise<void> {
  await page.setViewportSize({ width: VIEWPORT.width, height });
  // Running workflows are polled by the UI, so the network never goes idle: wait for `load`
  // and then for content.
  await page.goto(`${ui.url}${path}`, { waitUntil: 'load' });
}

/** Opens a workflow tab and waits for its header (the workflow id as the page title). */
export async function openWorkflow(page: Page, ui: UiTarget, workflowId: string, runId: string, tab: WorkflowTab, height = VIEWPORT.height): Promise<void> {
  await open(page, ui, workflowPath(ui, workflowId, runId, tab), height);
  await page.locator('h1', { hasText: workflowId }).first().waitFor();
}

/**
 * Waits until one of the Markdown blocks (Summary, Details, Current Details — which of them are
 * present depends on the workflow) shows `text`.
 */
export async function waitForMarkdownText(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const blocks = page.locator('iframe[title="output"]');
    for (let i = (await blocks.count()) - 1; i >= 0; i -= 1) {
      const frame = blocks.nth(i).contentFrame();
      if (await frame.getByText(text).first().isVisible().catch(() => false)) {
        await page.waitForTimeout(SETTLE_MS);
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no Markdown block shows ${String(text)}`);
}

/** Waits for the User Metadata tab: summary, current details showing `details`, events with metadata. */
export async function waitForUserMetadata(page: Page, details: string | RegExp): Promise<void> {
  await page.getByText('Events with Metadata').first().waitFor();
  await waitForMarkdownText(page, details);
}

/** Opens the workflow list with `columns` and `query`, and waits until `expectedIds` are rows. */
export async function openWorkflowList(page: Page, ui: UiTarget, query: string, columns: readonly string[], expectedIds: readonly string[], height = VIEWPORT.height): Promise<void> {
  // Column choices live in local storage, which exists once a UI page is open.
  if (!page.url().startsWith(ui.url)) await open(page, ui, `/namespaces/${ui.namespace}/workflows`, height);
  await setWorkflowColumns(page, ui.namespace, columns);
  await open(page, ui, listPath(ui, query), height);
  for (const id of expectedIds) {
    await page.getByRole('link', { name: id, exact: true }).first().waitFor();
  }
  // The saved-views panel takes a fifth of the width the columns need.
  const collapse = page.getByRole('button', { name: 'Collapse saved views' });
  if (await collapse.isVisible()) await collapse.click();
  await page.waitForTimeout(SETTLE_MS);
}

/** Opens a schedule and waits for its recent runs to list `runWorkflowId`. */
export async function openSchedule(page: Page, ui: UiTarget, scheduleId: string, runWorkflowId: string, height = VIEWPORT.height): Promise<void> {
  await open(page, ui, `/namespaces/${ui.namespace}/schedules/${encodeURIComponent(scheduleId)}`, height);
  await page.locator('h1', { hasText: scheduleId }).first().waitFor();
  await page.getByText('Upcoming Runs').first().waitFor();
  await page.getByText(runWorkflowId).first().waitFor();
  await page.waitForTimeout(SETTLE_MS);
}

/** Scrolls the UI's own scroll container (not the window) so `selector` is near the top. */
export async function scrollTo(page: Page, selector: string, offset = 16): Promise<void> {
  await page.locator(selector).first().evaluate((node, margin) => {
    const wrapper = document.getElementById('content-wrapper');
    if (!wrapper) return;
    const top = node.getBoundingClientRect().top - wrapper.getBoundingClientRect().top + wrapper.scrollTop;
    wrapper.scrollTo(0, Math.max(0, top - margin));
  }, offset);
  await page.waitForTimeout(SETTLE_MS);
}
