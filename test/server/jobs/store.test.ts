import { Job } from "../../../src/server/jobs/job";
import { JobStore } from "../../../src/server/jobs/store";
import { GenerationSettingsSchema } from "../../../src/shared/settings";

const settings = { ...GenerationSettingsSchema.parse({ prompt: "p" }), seed: 7 };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const job = (id: string) => new Job(id, "comfyui", { id, image: { bytes: png, mimeType: "image/png", width: 64, height: 64 }, settings, wantDepth: false }, 0);

test("a finished job is forgotten once its time to live has passed, a running one never", () => {
  let now = 1000;
  const store = new JobStore(500, () => now);
  const done = job("done");
  const running = job("running");
  store.add(done);
  store.add(running);
  running.start("w1");
  done.start("w1");
  done.finish({ images: [{ bytes: png, mimeType: "image/png" }] }, now);
  now = 1499;
  expect(store.get("done")).toBe(done);
  now = 1500;
  expect(store.get("done")).toBeUndefined();
  now = 100_000;
  expect(store.get("running")).toBe(running);
  expect(store.size).toBe(1);
});

test("a late subscriber gets the current state replayed, ending with the terminal event", () => {
  const j = job("j");
  j.setPosition(3);
  j.setPosition(1);
  j.start("w1");
  j.engineEvent({ type: "progress", step: 2, max: 25 });
  j.engineEvent({ type: "progress", step: 3, max: 25 });
  j.engineEvent({ type: "depth" });
  j.finish({ images: [{ bytes: png, mimeType: "image/png" }] }, 5);
  const seen: unknown[] = [];
  j.subscribe((e) => seen.push(e));
  expect(seen).toEqual([
    { type: "queued", position: 0 },
    { type: "started", engine: "w1" },
    { type: "progress", step: 3, max: 25 },
    { type: "depth" },
    { type: "done", seed: 7, images: 1 },
  ]);
});

test("events after the end are ignored: a cancelled job stays cancelled", () => {
  const j = job("c");
  j.start("w1");
  j.fail({ code: "cancelled", message: "Cancelled by the user." }, 1);
  j.engineEvent({ type: "progress", step: 5, max: 25 });
  j.finish({ images: [{ bytes: png, mimeType: "image/png" }] }, 2);
  expect(j.state).toBe("failed");
  expect(j.snapshot().at(-1)).toEqual({ type: "error", error: { code: "cancelled", message: "Cancelled by the user." } });
  expect(j.snapshot().some((e) => e.type === "progress")).toBe(false);
});
