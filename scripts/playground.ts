/**
 * `npm run playground`: the add-on without Express. Serves the host harness with a sample
 * document (images from assets/samples, one rotated, one translucent) and the real built panel
 * and sandbox bundles, and prints the URL. Select layers by clicking (shift-click adds), drag to
 * move, then generate with your Segmind key or the local gateway; results are drawn on the page.
 *
 *   npm run playground                 # host on 127.0.0.1:5240, panel origin on :5241
 *   npm run playground -- --fake       # also start a fake Segmind (no key needed; it answers a negative of the layer, blended in by strength)
 *   npm run playground -- --fake --fake-delay 8000 --fake-rate-limit 3
 *                                      # answer after 8 s like the real model; 429 after 3 requests a minute
 *                                      # --fake also serves a stand-in depth model (depth = brightness) for the Depth tools
 *   npm run playground -- --port 6000  # host port; the panel uses the next one
 */
import { parseArgs } from "node:util";
import { ensureDist } from "../test/harness/ensure-dist";
import type { Scene } from "../test/harness/scene";
import { startHarness } from "../test/harness/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "5240" },
    fake: { type: "boolean", default: false },
    "fake-delay": { type: "string", default: "0" },
    "fake-rate-limit": { type: "string" },
    theme: { type: "string", default: "light" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`--port must be a port number, got ${values.port}`);
const fakeDelay = Number(values["fake-delay"]);
const fakeRateLimit = values["fake-rate-limit"] === undefined ? undefined : Number(values["fake-rate-limit"]);
if (!Number.isInteger(fakeDelay) || fakeDelay < 0) throw new Error(`--fake-delay must be milliseconds, got ${values["fake-delay"]}`);
if (fakeRateLimit !== undefined && !(Number.isInteger(fakeRateLimit) && fakeRateLimit > 0)) throw new Error(`--fake-rate-limit must be requests per minute, got ${values["fake-rate-limit"]}`);
if (values.theme !== "light" && values.theme !== "dark") throw new Error(`--theme must be light or dark, got ${values.theme}`);

const PLAYGROUND_SCENE: Scene = {
  page: { width: 1600, height: 1000, background: "#f3efe6" },
  layers: [
    // Express keeps an image's own aspect: landscape.jpg is 1024×683.
    { label: "landscape", kind: "image", x: 60, y: 80, width: 840, height: (840 * 683) / 1024, source: { url: "/__assets/samples/landscape.jpg" } },
    { label: "room", kind: "image", x: 960, y: 90, width: 520, height: 520, rotation: -8, source: { url: "/__assets/samples/room.png" } },
    { label: "vase", kind: "image", x: 620, y: 430, width: 330, height: 440, rotation: 12, source: { url: "/__assets/samples/vase.png" } },
    { label: "note", kind: "image", x: 1060, y: 700, width: 420, height: 220, opacity: 0.85, source: { pattern: "gradient", colors: ["#ffd166", "#ef476f"], width: 840, height: 440 } },
  ],
  selected: ["landscape"],
};

process.stdout.write("checking the add-on build (npm run build if dist/ is stale)…\n");
ensureDist();

let fakeNote = "";
let closeFake = async () => undefined as void;
let panelFiles: Record<string, { body: Uint8Array; type: string }> | undefined;
const FAKE_DEPTH_PATH = "/__fake/depth-brightness.onnx";
if (values.fake) {
  const { buildTinyDepthModel } = await import("../test/fakes/tiny-depth-model");
  panelFiles = { [FAKE_DEPTH_PATH]: { body: buildTinyDepthModel(), type: "application/octet-stream" } };
  const { startFakeSegmind } = await import("../test/fakes/segmind-server");
  const fake = await startFakeSegmind({ credits: 100, delayMs: fakeDelay, ...(fakeRateLimit !== undefined ? { rateLimitPerMinute: fakeRateLimit } : {}) });
  closeFake = fake.close;
  fakeNote = `\nFake Segmind (answers a negative of the layer, blended in by strength, blurred as "Keep shapes" drops): API web address ${fake.url}  key ${fake.key}  — put both in the setup step (the address under Advanced).`;
}

const harness = await startHarness({
  scene: PLAYGROUND_SCENE,
  hostPort: port,
  panelPort: port + 1,
  panelFiles,
  theme: values.theme,
  banner:
    "Click a layer to select it (shift-click adds), drag to move. In the panel: choose Segmind (your API key) or the local GPU gateway (npm run gateway), write a prompt, Generate. Results are drawn here above their source." +
    fakeNote,
});

const depthNote = values.fake
  ? `\nStand-in depth model (depth = brightness, no download): put ${harness.panelOrigin}${FAKE_DEPTH_PATH} in Advanced → Depth layer → Depth model web address.`
  : "";
process.stdout.write(`\nDepth Restyle playground: ${harness.hostUrl}\n  (panel served from ${harness.panelOrigin})${fakeNote}${depthNote}\nCtrl-C to stop.\n`);

const stop = async () => {
  await harness.close();
  await closeFake();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
