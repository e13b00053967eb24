/**
 * The panel as a designer reads it: rows that say where they are (a 429 wait with its retry time),
 * strengths that can be judged (labelled rows and sweep cells that belong to their layer), and a
 * 320 px panel that never scrolls sideways, with the longest messages, in light and dark themes.
 */
import { jest } from "@jest/globals";
import type { FrameLocator, Page } from "playwright-core";
import { rateLimitStep } from "../../fakes/segmind-server";
import { TID } from "../../../src/ui/testids";
import { byId, clickWhenEnabled, configureSegmind, fillText, finishedJobs, reveal, setPrompt } from "./support/panel";
import { saveScreenshot, selectLayers, setTheme, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(240_000);

let s: Session;

beforeAll(async () => {
  s = await startSession();
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "linocut print, bold lines");
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generateBodies = () => s.segmind.requests.filter((r) => r.path === "/v1/ssd-depth").map((r) => r.body);

async function selectOnly(label: string): Promise<void> {
  await selectLayers(s.page, [label]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
}

test("an automatically retried 429 reads “Waiting (retries at …)” with the time, then finishes", async () => {
  await selectOnly("photo");
  s.segmind.script(rateLimitStep(new Date(Date.now() + 4000)));
  await clickWhenEnabled(s.panel, TID.generate);
  const waiting = s.panel.locator(`[data-testid="${TID.jobRow}"][data-status=waiting_rate_limit]`);
  await waiting.waitFor();
  const status = (await waiting.getByTestId(TID.jobStatus).textContent()) ?? "";
  expect(status).toMatch(/^Waiting \(retries at \d{1,2}:\d\d( [AP]M)?\) · \d+:\d\d$/);
  expect(await waiting.getByTestId(TID.jobSource).getAttribute("src")).toMatch(/^blob:/);
  await saveScreenshot(s.page, "row-429-waiting.png", "panel");
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  expect(await byId(s.panel, TID.jobStatus).first().textContent()).toMatch(/^Done · \d+:\d\d$/);
});

test("the strength used shows on the row, and a sweep labels each cell, marks the inserted one and belongs to its layer", async () => {
  await selectOnly("photo");
  // Setting the slider is enough to send a strength; until then the model's default is used.
  const strength = byId(s.panel, TID.strength).locator("input").last();
  await strength.fill("0.35");
  await strength.press("Enter");
  const sent = generateBodies().length;
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  expect(generateBodies()[sent]?.strength).toBe(0.35);
  expect(await byId(s.panel, TID.jobStrength).first().textContent()).toMatch(/^Strength 0\.35 · seed \d+$/);

  await clickWhenEnabled(s.panel, TID.sweep);
  const done = s.panel.locator(`[data-testid="${TID.sweepCell}"][data-status=done]`);
  await done.nth(4).waitFor();
  const cells = await byId(s.panel, TID.sweepCell).all();
  const labels = await Promise.all(cells.map((c) => c.locator(".label").textContent()));
  expect(labels).toEqual(["Strength 0.2", "Strength 0.4", "Strength 0.6", "Strength 0.8", "Strength 1"]);
  // Each label is the strength that was really sent.
  expect(generateBodies().slice(-5).map((b) => b?.strength)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  await cells[1]!.click();
  await byId(s.panel, TID.sweepInserted).waitFor();
  expect(await byId(s.panel, TID.sweepCell).nth(1).getByTestId(TID.sweepInserted).count()).toBe(1);
  expect(await byId(s.panel, TID.sweepInserted).count()).toBe(1);
  await saveScreenshot(s.page, "sweep-labelled.png", "panel");

  // Another layer: the old grid is not offered for it; back on the source, it is.
  await selectOnly("tile");
  expect(await byId(s.panel, TID.sweepGrid).count()).toBe(0);
  await selectOnly("photo");
  await byId(s.panel, TID.sweepGrid).waitFor();
});

test("a selected result: Use these settings says what it changed; Regenerate keeps its seed, New variation draws another", async () => {
  await selectOnly("tile");
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const doc = await snapshot(s.page);
  const result = doc.layers.filter((l) => l.addOnData["dr:kind"] === "restyle").at(-1);
  if (!result) throw new Error("Generate inserted no result");
  await selectLayers(s.page, [result.id]);
  await byId(s.panel, TID.provenance).waitFor();
  await byId(s.panel, TID.useTheseSettings).click();
  const notice = (await byId(s.panel, TID.notice).textContent()) ?? "";
  expect(notice).toMatch(/^Form updated: .*seed fixed to \d+\./);
  const seed = Number(/seed fixed to (\d+)/.exec(notice)?.[1]);

  await clickWhenEnabled(s.panel, TID.regenerate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  expect(generateBodies().at(-1)?.seed).toBe(seed);
  await selectLayers(s.page, [result.id]);
  await clickWhenEnabled(s.panel, TID.regenerateNew);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  expect(generateBodies().at(-1)?.seed).not.toBe(seed);
  await saveScreenshot(s.page, "result-regenerated.png", "panel");
});

/** The few DOM members the page-side checks use (this config has no DOM library). */
type PanelDocument = {
  documentElement: { clientWidth: number; scrollWidth: number };
  querySelectorAll(selector: string): Iterable<{ tagName: string; className: unknown; getBoundingClientRect(): { right: number; width: number } }>;
  getElementById(id: string): { style: { width: string } } | null;
};

async function horizontalOverflow(page: Page): Promise<string[]> {
  const frame = await page.locator("[data-testid=panel-frame]").elementHandle().then((h) => h?.contentFrame());
  if (!frame) throw new Error("no panel frame");
  return frame.evaluate(() => {
    const document = (globalThis as unknown as { document: PanelDocument }).document;
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`document scrolls: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll("main *")) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)} > ${width}`);
    }
    return out.slice(0, 10);
  });
}

async function openEverything(panel: FrameLocator): Promise<void> {
  for (const id of [TID.depthModelUrl, TID.segmindBaseUrl] as const) await reveal(panel, id);
  for (const summary of await panel.locator("details:not([open]) > summary").all()) if (await summary.isVisible()) await summary.click();
}

test("at 320 px nothing scrolls sideways, with the longest messages, in light and dark themes", async () => {
  await s.page.evaluate(() => {
    const frame = (globalThis as unknown as { document: PanelDocument }).document.getElementById("panel");
    if (frame) frame.style.width = "320px";
  });
  // A 150-character model address, a long failure on a job row, a long prompt.
  const longUrl = `https://models.example.com/${"very-long-path-segment/".repeat(5)}depth-anything-v2-small-int8.onnx?rev=2026-12-02`;
  expect(longUrl.length).toBeGreaterThanOrEqual(150);
  await fillText(s.panel, TID.depthModelUrl, longUrl.replace("https", "http"));
  await setPrompt(s.panel, `${"an extraordinarily-detailed-hyphenated-description-".repeat(4)}watercolour`);
  await selectOnly("photo");
  s.segmind.script({ kind: "error", status: 401, error: `Invalid API key ${"x".repeat(120)}` });
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["failed"]);
  await openEverything(s.panel);
  // The check sees an element wider than the panel (so a pass means something).
  const main = s.panel.locator("main");
  type Host = { insertAdjacentHTML(where: string, html: string): void; querySelector(s: string): { remove(): void } | null };
  await main.evaluate((el) => (el as unknown as Host).insertAdjacentHTML("beforeend", '<div id="too-wide" style="min-width: 400px; max-width: none; height: 1px"></div>'));
  expect((await horizontalOverflow(s.page)).join(" ")).toMatch(/div\. ends at/);
  await main.evaluate((el) => (el as unknown as Host).querySelector("#too-wide")?.remove());
  for (const theme of ["light", "dark"] as const) {
    await setTheme(s.page, theme);
    await s.panel.locator(`sp-theme[color=${theme}]`).waitFor();
    expect(await horizontalOverflow(s.page)).toEqual([]);
    await saveScreenshot(s.page, `panel-320-${theme}.png`, "panel");
  }
});
