/**
 * Second half of bench/panel.bench.ts: one real Generate job of the built panel, in the host
 * harness against the fake Segmind, on a 4096² layer, with a PerformanceObserver("longtask")
 * in the panel's frame. Only long tasks attributed to the panel itself ("self") count: the host
 * page may share the renderer process (same site), as Express's own page does not. The fake
 * Segmind takes BACKEND_MS per request, so the panel's own share of a Generate (click to
 * inserted result, apart from the server's time) can be read against a 3 s backend.
 */
import type { Frame } from "playwright-core";
import { startFakeSegmind } from "../fakes/segmind-server";
import { TID } from "../../src/ui/testids";
import { byId, configureSegmind, finishedJobs, setPrompt } from "../ui/e2e/support/panel";
import { launchChromium } from "./chromium";
import { ensureDist } from "./ensure-dist";
import type { Scene } from "./scene";
import { startHarness } from "./server";

const SIDE = 4096;
export const BACKEND_MS = 3000;
const BIG_SCENE: Scene = {
  page: { width: SIDE, height: SIDE, background: "#ffffff" },
  layers: [{ label: "big", kind: "image", x: 0, y: 0, width: SIDE, height: SIDE, source: { pattern: "rings", colors: ["#2a9d8f", "#e76f51"], width: SIDE, height: SIDE } }],
  selected: ["big"],
};

export interface PanelJobMeasure {
  status: string;
  longTasks: number;
  longTaskMs: number;
  longestMs: number;
  requestBytes: number;
  /** Click on Generate to the job row reading done (the result inserted). */
  totalMs: number;
  /** The fake Segmind's own time: whole request received to answer sent. */
  backendMs: number;
  /** The host's page renditions the panel asked for (Express's time in the real host). */
  renditionMs: number;
}

type Observed = { __longTasks: { name: string; duration: number }[] };

export async function measurePanelJob(): Promise<PanelJobMeasure> {
  ensureDist();
  const segmind = await startFakeSegmind({ delayMs: BACKEND_MS });
  const harness = await startHarness({ scene: BIG_SCENE });
  const chromium = await launchChromium();
  chromium.context.setDefaultTimeout(300_000);
  try {
    const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await page.goto(harness.hostUrl);
    await page.waitForFunction(() => "harness" in globalThis);
    await page.evaluate(async () => {
      const h = (globalThis as unknown as { harness: { ready: Promise<void>; panelReady(): Promise<void> } }).harness;
      await h.ready;
      await h.panelReady();
    });
    const panel = page.frameLocator("[data-testid=panel-frame]");
    await configureSegmind(panel, segmind.url, segmind.key);
    await setPrompt(panel, "bench");
    const frame: Frame | undefined = page.frames().find((f) => f.url().startsWith(harness.panelOrigin));
    if (!frame) throw new Error("no panel frame");
    await frame.evaluate(() => {
      const seen: Observed["__longTasks"] = [];
      (globalThis as unknown as Observed).__longTasks = seen;
      const observer = new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => ({ name: e.name, duration: e.duration }))));
      // Node's typings (this file's) lack the browser-only "longtask" entry type.
      observer.observe({ type: "longtask" } as unknown as { type: "mark" });
    });
    const generate = byId(panel, TID.generate);
    await generate.and(panel.locator(":not([disabled])")).waitFor({ state: "visible" });
    const clickedAt = Date.now();
    await generate.click();
    const [status = "none"] = await finishedJobs(panel, 1);
    const totalMs = Date.now() - clickedAt;
    await page.waitForTimeout(500); // long-task entries are delivered after the task ends
    const request = segmind.requests.find((r) => r.path === "/v1/ssd-depth");
    const tasks = (await frame.evaluate(() => (globalThis as unknown as Observed).__longTasks)).filter((t) => t.name === "self");
    return {
      status,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((sum, t) => sum + t.duration, 0),
      longestMs: Math.max(0, ...tasks.map((t) => t.duration)),
      requestBytes: request?.rawBody.length ?? 0,
      totalMs,
      backendMs: request?.receivedAt !== undefined && request.answeredAt !== undefined ? request.answeredAt - request.receivedAt : NaN,
      renditionMs: (await page.evaluate(() => (globalThis as unknown as { harness: { renditionMs: number[] } }).harness.renditionMs)).reduce((a, b) => a + b, 0),
    };
  } finally {
    await chromium.close();
    await harness.close();
    await segmind.close();
  }
}
