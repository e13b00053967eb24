import { QueueFullError, type DepthRestyleError } from "../../src/core/errors";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { solidImage } from "./helpers/images";
import { startStack } from "./helpers/stack";

test("200 jobs against 2 ComfyUI workers with a queue limit: each ends done or refused with 429, none lost or stuck", async () => {
  const stack = await startStack({ workers: 2, fake: { stepDelayMs: 1 }, config: { queueLimit: 12 } });
  try {
    const png = await solidImage("png", 64, 64);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        // Spread over ~2 s so the queue both fills up and drains while jobs keep arriving.
        await new Promise((r) => setTimeout(r, i * 10));
        const settings = { ...GenerationSettingsSchema.parse({ prompt: `job ${i}`, steps: 20 }), seed: i };
        try {
          const result = await stack.client.generate({ image: png, mimeType: "image/png", settings, wantDepth: false });
          return result.seed === i && result.images.length === 1 ? "done" : "wrong";
        } catch (error) {
          return error instanceof QueueFullError && (error.retryAfterMs ?? 0) >= 1000 ? "refused" : `failed: ${(error as DepthRestyleError).code}`;
        }
      }),
    );
    const counts = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual(["done", "refused"]);
    expect(counts.done! + counts.refused!).toBe(200);
    expect(counts.done).toBeGreaterThan(12);
    // Every accepted job ran exactly once, spread over both workers.
    const prompts = stack.fakes.map((f) => f.prompts.length);
    expect(prompts[0]! + prompts[1]!).toBe(counts.done);
    expect(Math.min(...prompts)).toBeGreaterThan(0);
    expect(stack.gateway.app.jobs.scheduler.stats()).toEqual({ waiting: 0, running: 0, limit: 12 });
    expect(stack.fakes.map((f) => f.queue())).toEqual([{ running: [], pending: [] }, { running: [], pending: [] }]);
  } finally {
    await stack.close();
  }
}, 120_000);
