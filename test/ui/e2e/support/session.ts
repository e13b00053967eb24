import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import type { HarnessApi } from "../../../harness/browser/harness-api";
import { launchChromium, type Chromium } from "../../../harness/chromium";
import { ensureDist } from "../../../harness/ensure-dist";
import { distDirOf, type DistVariant } from "../../../harness/dist-freshness";
import { ARTIFACTS, REPO_ROOT } from "../../../harness/paths";
import { TEST_SCENE, type Scene } from "../../../harness/scene";
import { startHarness, type HarnessOptions, type HarnessServer } from "../../../harness/server";
import { DocumentSnapshotSchema, type DocumentSnapshot } from "../../../harness/snapshot-schema";
import { startFakeSegmind, type FakeSegmind, type FakeSegmindOptions } from "../../../fakes/segmind-server";

type HarnessWindow = { harness: HarnessApi };

/** One browser, one harness, one fake Segmind per test file; `page` is the host page. */
export interface Session {
  chromium: Chromium;
  harness: HarnessServer;
  segmind: FakeSegmind;
  page: Page;
  panel: FrameLocator;
  /** Page errors and console errors of host and panel, for failure messages. */
  problems: string[];
  close(): Promise<void>;
}

export async function startSession(
  options: { scene?: Scene; segmind?: FakeSegmindOptions; panelFiles?: HarnessOptions["panelFiles"]; variant?: DistVariant } = {},
): Promise<Session> {
  const variant = options.variant ?? "published";
  ensureDist(variant);
  const segmind = await startFakeSegmind(options.segmind);
  const harness = await startHarness({ scene: options.scene ?? TEST_SCENE, panelFiles: options.panelFiles, distDir: join(REPO_ROOT, distDirOf(variant)) });
  const chromium = await launchChromium();
  // Bounded waits for panel work under load; tests assert outcomes, never durations.
  chromium.context.setDefaultTimeout(120_000);
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console (${message.location().url}): ${message.text()}`);
  });
  const session: Session = {
    chromium,
    harness,
    segmind,
    page,
    panel: page.frameLocator("[data-testid=panel-frame]"),
    problems,
    close: async () => {
      if (problems.length) {
        // Console errors of host and panel, kept next to the screenshots for whoever reads a failure.
        await mkdir(ARTIFACTS, { recursive: true });
        await writeFile(join(ARTIFACTS, `${basename(expect.getState().testPath ?? "e2e", ".test.ts")}.console.log`), `${problems.join("\n")}\n`);
      }
      await chromium.close();
      await harness.close();
      await segmind.close();
    },
  };
  await openHost(session);
  return session;
}

/** (Re)loads the host page and waits until the document, the sandbox and the panel are up. */
export async function openHost(session: Session): Promise<void> {
  await session.page.goto(session.harness.hostUrl);
  await session.page.waitForFunction(() => "harness" in globalThis);
  await session.page.evaluate(async () => {
    const h = (globalThis as unknown as HarnessWindow).harness;
    await h.ready;
    await h.panelReady();
  });
  const errors = await hostErrors(session.page);
  if (errors.length) throw new Error(`the host page reported errors:\n${errors.join("\n")}`);
}

export const hostErrors = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.errors);

export async function snapshot(page: Page): Promise<DocumentSnapshot> {
  return DocumentSnapshotSchema.parse(await page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.snapshot()));
}

export async function selectLayers(page: Page, labels: string[]): Promise<void> {
  await page.evaluate((l) => (globalThis as unknown as HarnessWindow).harness.select(l), labels);
}

export async function removeLayer(page: Page, label: string): Promise<void> {
  await page.evaluate((l) => (globalThis as unknown as HarnessWindow).harness.remove(l), label);
}

export async function sandboxCalls(page: Page): Promise<{ method: string; ok: boolean; error?: string }[]> {
  return page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.sandboxCalls);
}

export async function setTheme(page: Page, theme: "light" | "dark" | "lightest" | "darkest"): Promise<void> {
  await page.evaluate((t) => (globalThis as unknown as HarnessWindow).harness.setTheme(t), theme);
}

export async function setLocale(page: Page, locale: string): Promise<void> {
  await page.evaluate((l) => (globalThis as unknown as HarnessWindow).harness.setLocale(l), locale);
}

export async function reloadPanel(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.reloadPanel());
}

/** Saves a screenshot under test-artifacts/ (gitignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string, what: "page" | "panel" = "page"): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.rendered());
  if (what === "panel") await page.locator("[data-testid=panel-frame]").screenshot({ path });
  else await page.screenshot({ path });
  return path;
}

/** Waits (bounded) until the document snapshot satisfies `test`; returns that snapshot. */
export async function waitForDocument(page: Page, test: (doc: DocumentSnapshot) => boolean, what: string, tries = 200): Promise<DocumentSnapshot> {
  let last: DocumentSnapshot | undefined;
  for (let i = 0; i < tries; i++) {
    last = await snapshot(page);
    if (test(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`the document never reached: ${what}\nlast snapshot: ${JSON.stringify(last?.layers.map((l) => [l.id, l.type, l.label, l.parentId, l.index]))}`);
}
