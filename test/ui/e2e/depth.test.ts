/**
 * Depth layers from the in-panel estimator (onnxruntime-web in the panel's worker) on a tiny
 * ONNX model built by the test and served on the panel's origin: depth = pixel brightness, so
 * a correct pipeline paints bright parts of the layer white.
 */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { addedLayers, expectRectClose, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, pick, setPrompt, setSwitch } from "./support/panel";
import { startDepthSession } from "./support/depth-session";
import { saveScreenshot, selectLayers, snapshot, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;

beforeAll(async () => {
  s = await startDepthSession();
}, 900_000);

afterAll(async () => {
  await s?.close();
});

test("Add depth layer inserts a grayscale depth map directly above the source, near (bright) parts white", async () => {
  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await selectLayers(s.page, ["photo"]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
  await clickWhenEnabled(s.panel, TID.addDepthLayer);

  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  const added = addedLayers(before, after);
  expect(added).toHaveLength(1);
  const depth = layerAbove(after, photo);
  expect(depth?.id).toBe(added[0]!.id);
  expectRectClose(depth!.bounds, photo.bounds);
  expect(depth!.image?.grayscale).toBe(true);
  // The photo runs from dark blue (top-left) to bright yellow (bottom-right).
  const grid = depth!.image!.grid;
  expect(grid[8]! - grid[0]!).toBeGreaterThan(60);
  expect(Object.values(depth!.addOnData).join(" ")).toContain("depth");
  await saveScreenshot(s.page, "after-depth.png");
});

test("Generate with the depth-layer switch on adds the result and its depth map with the chosen blend mode", async () => {
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "watercolour");
  await setSwitch(s.panel, TID.depthLayerToggle, true);
  await pick(s.panel, TID.depthBlendMode, "screen");
  const before = await snapshot(s.page);
  const tile = layer(before, "tile");
  await selectLayers(s.page, ["tile"]);
  await clickWhenEnabled(s.panel, TID.generate);

  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  const added = addedLayers(before, after);
  const images = added.filter((l) => l.image);
  expect(images).toHaveLength(2);
  const depth = images.find((l) => l.image!.grayscale);
  const result = images.find((l) => !l.image!.grayscale);
  expect(depth?.blendMode).toBe("screen");
  expect(result).toBeDefined();
  // Both sit above the source: directly, or inside the group that sits directly above it.
  const above = layerAbove(after, tile);
  expect(above && added.some((l) => l.id === above.id)).toBe(true);
  for (const l of [depth!, result!]) expectRectClose(l.bounds, tile.bounds, 1.5);
  // The depth map is drawn over the result (blend modes act on what lies below).
  if (depth!.parentId === result!.parentId) expect(depth!.index).toBeGreaterThan(result!.index);
});
