/**
 * The developer build (`npm run build:experimental`, manifest with experimentalApis) in Chromium:
 * each layer is read alone with the per-node rendition, so a layer the user put on top of it is
 * not part of the input (the published build's page read would include it), and a cut-out's own
 * alpha gives the mask. The fake host implements createRendition only for such manifests.
 */
import { jest } from "@jest/globals";
import type { Scene } from "../../harness/scene";
import { addedLayers, layer } from "./support/document";
import { generateFor } from "./support/generate";
import { configureSegmind, setPrompt } from "./support/panel";
import { sandboxCalls, saveScreenshot, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load, a production build first), never a speed requirement.
jest.setTimeout(180_000);

const SCENE: Scene = {
  page: { width: 1000, height: 700, background: "#f4f1ea" },
  layers: [
    { label: "photo", kind: "image", x: 100, y: 100, width: 400, height: 260, source: { pattern: "gradient", colors: ["#1d4e89", "#f9c74f"], width: 800, height: 520 } },
    // On top of the photo's right third: a page read would see it, the per-node read must not.
    { label: "sticker", kind: "rectangle", x: 360, y: 80, width: 180, height: 300, color: "#ff0000" },
    { label: "cutout", kind: "image", x: 600, y: 150, width: 300, height: 300, source: { pattern: "cutout", colors: ["#d62828", "#f77f00"], width: 600, height: 600 } },
  ],
  selected: [],
};

let s: Session;

beforeAll(async () => {
  s = await startSession({ scene: SCENE, variant: "experimental" });
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "a woodcut");
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generate = (label: string) => generateFor(s, label);

test("reads the layer alone: the layer on top of it is not in the result", async () => {
  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await generate("photo");
  const [result] = addedLayers(before, await snapshot(s.page));
  // The fake answers the negative of its input: the negative of the photo alone, no red sticker in it.
  for (const c of [0, 1, 2] as const) expect(Math.abs(result!.image!.mean[c] - (255 - photo.image!.mean[c]))).toBeLessThan(20);
  const methods = (await sandboxCalls(s.page)).map((c) => c.method);
  expect(methods).toContain("renderLayer");
  expect(methods).not.toContain("beginRead");
  await saveScreenshot(s.page, "experimental-node-read.png");
});

test("a cut-out's own alpha masks its result", async () => {
  const before = await snapshot(s.page);
  const cutout = layer(before, "cutout");
  await generate("cutout");
  const [result] = addedLayers(before, await snapshot(s.page));
  expect(result!.image!.alphaProbe.slice(0, 4)).toEqual([0, 0, 0, 0]);
  expect(result!.image!.alphaProbe[4]).toBe(255);
  expect(Math.abs(result!.image!.opaqueShare - cutout.image!.opaqueShare)).toBeLessThan(0.05);
});
