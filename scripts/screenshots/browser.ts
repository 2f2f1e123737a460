/**
 * Headless Chromium for the Web UI screenshots: Debian's `/usr/bin/chromium` driven by
 * playwright-core (which never downloads a browser of its own), with a fresh profile per run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * This machine's network is closed: without the background-networking flags Chromium keeps
 * opening connections to Google's hosts that are refused (and slow every start); QUIC, sync and
 * component updates would do the same. `--no-sandbox` because the tool may run as root.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Width of every screenshot; heights are chosen per shot. */
export const VIEWPORT = { width: 1440, height: 900 };

export interface UiBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Starts Chromium with an empty `--user-data-dir` (removed again on close). */
export async function launchBrowser(): Promise<UiBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium package (apt-get install chromium)`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-ui-shots-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    // Dates in the UI are shown in UTC (its default); the locale fixes number formats.
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Columns of the workflow list. The Web UI keeps them in local storage (what "Configure
 * columns" under the list writes); search attributes are columns by their own names.
 */
export async function setWorkflowColumns(page: Page, namespace: string, labels: readonly string[]): Promise<void> {
  await page.evaluate(
    ({ ns, columns }) => {
      const all = JSON.parse(localStorage.getItem('namespace-workflow-table-columns') ?? '{}') as Record<string, unknown>;
      all[ns] = columns.map((label) => ({ label }));
      localStorage.setItem('namespace-workflow-table-columns', JSON.stringify(all));
    },
    { ns: namespace, columns: [...labels] },
  );
}

export interface ShotOptions {
  /** Viewport height while taking the shot (width stays 1440). */
  height?: number;
  /** Cut the picture at the lowest bottom edge of these elements (plus `margin`), when it ends higher up. */
  bottomOf?: readonly string[];
  /** Pixels kept below `bottomOf`; default 24. */
  margin?: number;
}

/** Writes a PNG of the visible page, cut below the content that matters. */
export async function screenshot(page: Page, file: string, options: ShotOptions = {}): Promise<void> {
  const height = options.height ?? VIEWPORT.height;
  let clipHeight = height;
  if (options.bottomOf && options.bottomOf.length > 0) {
    let bottom = 0;
    for (const selector of options.bottomOf) {
      const boxes = await page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().bottom));
      bottom = Math.max(bottom, ...boxes);
    }
    if (bottom > 0) clipHeight = Math.min(height, Math.ceil(bottom) + (options.margin ?? 24));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: VIEWPORT.width, height: clipHeight } });
}
