/**
 * Panel image prep in real Chromium: a 4096² layer through the panel's own code (image worker:
 * crop + fit to ~1 MP + JPEG, then base64 for the Segmind body) against the naive path (the
 * full-size layer as PNG → base64 on the main thread). Reports wire bytes, time, and
 * main-thread long tasks (PerformanceObserver "longtask") during each job, side by side.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { bundleForBrowser } from "../test/harness/bundle";
import { BACKEND_MS, measurePanelJob } from "../test/harness/bench-job";
import { launchChromium } from "../test/harness/chromium";
import type { PrepBenchResult } from "../test/harness/prep-bench-result";
import { percentile, type BenchReport } from "./report";

const SIDE = 4096;
const ROUNDS = 5;
const root = fileURLToPath(new URL("..", import.meta.url));

const bundle = () =>
  bundleForBrowser(root, [
    { in: "test/harness/browser/prep-bench.ts", out: "prep-bench" },
    { in: "src/ui/image/image.worker.ts", out: "image.worker" },
  ]);

export default async function panelBench(): Promise<BenchReport> {
  const files = await bundle();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const body = path === "/" ? `<!doctype html><script type="module" src="/prep-bench.js"></script>` : files.get(path.slice(1));
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": path === "/" ? "text/html" : "text/javascript" }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => "runPrepBench" in globalThis);
    const r = await page.evaluate(
      ([side, rounds]) =>
        (globalThis as unknown as { runPrepBench(s: number, r: number, w: string): Promise<PrepBenchResult> }).runPrepBench(side, rounds, "/image.worker.js"),
      [SIDE, ROUNDS] as const,
    );
    const job = await measurePanelJob();
    if (job.status !== "done") throw new Error(`the panel job on the 4096² layer ended "${job.status}"`);
    const panelMs = percentile(r.panel.ms, 50);
    const naiveMs = percentile(r.naive.ms, 50);
    const perJob = (n: number) => n / ROUNDS;
    return {
      title: `Panel prep of a ${SIDE}×${SIDE} layer in Chromium (median of ${ROUNDS}; model size ${r.modelSize.width}×${r.modelSize.height})`,
      rows: [
        { label: "panel: worker crop+fit+JPEG, then base64 — time", value: panelMs, unit: "ms" },
        { label: "naive: full-size PNG → base64 on main thread — time", value: naiveMs, unit: "ms" },
        { label: "panel: bytes on the wire (base64)", value: r.panel.wireBytes, unit: "B" },
        { label: "naive: bytes on the wire (base64)", value: r.naive.wireBytes, unit: "B" },
        { label: "panel: main-thread long tasks per job", value: perJob(r.panel.longTasks), unit: "tasks" },
        { label: "panel: main-thread long-task time per job", value: perJob(r.panel.longTaskMs), unit: "ms" },
        { label: "naive: main-thread long tasks per job", value: perJob(r.naive.longTasks), unit: "tasks" },
        { label: "naive: main-thread long-task time per job", value: perJob(r.naive.longTaskMs), unit: "ms" },
        { label: "former: page decoded + cropped on the main thread, bitmap to a worker — time", value: percentile(r.crop.ms, 50), unit: "ms" },
        { label: "former: main-thread long tasks per job", value: perJob(r.crop.longTasks), unit: "tasks" },
        { label: "former: main-thread long-task time per job", value: perJob(r.crop.longTaskMs), unit: "ms" },
        { label: "real panel Generate job on a 4096² layer: long tasks", value: job.longTasks, unit: "tasks" },
        { label: "real panel Generate job: long-task time (panel main thread)", value: job.longTaskMs, unit: "ms" },
        { label: "real panel Generate job: longest long task", value: job.longestMs, unit: "ms" },
        { label: "real panel Generate job: request body to Segmind", value: job.requestBytes, unit: "B" },
        { label: "real panel Generate job: click to inserted result", value: job.totalMs, unit: "ms" },
        { label: "real panel Generate job: backend's own time (fake Segmind, set to 3 s)", value: job.backendMs, unit: "ms" },
        { label: "real panel Generate job: host page renditions (2, of the 4096² page)", value: job.renditionMs, unit: "ms" },
        { label: "real panel Generate job: panel's own time (total − backend)", value: job.totalMs - job.backendMs, unit: "ms" },
        { label: "real panel Generate job: panel's own time without the host's renditions", value: job.totalMs - job.backendMs - job.renditionMs, unit: "ms" },
      ],
      ratios: [
        { label: "bytes naive / panel", value: r.naive.wireBytes / r.panel.wireBytes },
        { label: "time naive / panel", value: naiveMs / panelMs },
        ...(r.panel.longTaskMs > 0 ? [{ label: "main-thread blocking naive / panel", value: r.naive.longTaskMs / r.panel.longTaskMs }] : []),
        { label: "panel's own time / 3 s backend (goal ≤ 0.03)", value: (job.totalMs - job.backendMs) / BACKEND_MS },
        { label: "panel's own time without host renditions / 3 s backend", value: (job.totalMs - job.backendMs - job.renditionMs) / BACKEND_MS },
      ],
      notes: [
        "The panel path starts from the page renditions as Express hands them (PNG blobs over a black and a white backdrop) and ends with the base64 text the Segmind JSON body carries; the naive path starts from the decoded layer.",
        r.panel.longTaskMs === 0
          ? "The panel path produced no main-thread long task (> 50 ms) at all: the worker decodes, crops and encodes."
          : "The panel path still produced main-thread long tasks; see the rows above.",
        "Chromium headless, software rendering (--disable-gpu); one browser, both paths alternated per round.",
      ].filter(Boolean),
    };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}
