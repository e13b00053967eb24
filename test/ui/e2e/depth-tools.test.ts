/**
 * The Depth section in the real panel bundle (Chromium, onnxruntime-web in the panel's worker)
 * on a tiny ONNX model served on the panel's origin: depth = pixel brightness, so on the
 * "photo" gradient (dark blue top-left → bright yellow bottom-right) bright = near.
 */
import { jest } from "@jest/globals";
import type { FrameLocator } from "playwright-core";
import { TID, type TestId } from "../../../src/ui/testids";
import { addedLayers, expectRectClose, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, setPrompt, setSwitch } from "./support/panel";
import { startDepthSession } from "./support/depth-session";
import { saveScreenshot, selectLayers, snapshot, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(240_000);

let s: Session;

/** Sets a Spectrum slider as a user would end a drag: value, then input and change events. */
async function setSlider(panel: FrameLocator, id: TestId, value: number): Promise<void> {
  await byId(panel, id).evaluate((el: unknown, v) => {
    const slider = el as { value: number; dispatchEvent(event: Event): boolean };
    slider.value = v;
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    slider.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}

beforeAll(async () => {
  s = await startDepthSession();
}, 900_000);

afterAll(async () => {
  await s?.close();
});

test("Split into 3 layers groups three slices of the photo above it, nearest (bright) on top", async () => {
  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await selectLayers(s.page, ["photo"]);
  // The preview waits to be asked for: it needs the depth model, a download on first use.
  await byId(s.panel, TID.depthPreviewStart).click();
  await byId(s.panel, TID.depthPreview).waitFor({ state: "visible" });
  await byId(s.panel, TID.slicePreview).waitFor({ state: "visible" });
  await byId(s.panel, TID.depthTools).scrollIntoViewIfNeeded();
  await saveScreenshot(s.page, "depth-editor-panel.png", "panel");
  await clickWhenEnabled(s.panel, TID.splitByDepth);

  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  const added = addedLayers(before, after);
  const group = layerAbove(after, photo);
  expect(group?.type).toBe("Group");
  const slices = added.filter((l) => l.parentId === group!.id).sort((a, b) => a.index - b.index);
  expect(slices).toHaveLength(3);
  for (const slice of slices) expectRectClose(slice.bounds, photo.bounds, 1.5);
  const bands = slices.map((l) => l.addOnData["dr:band"]);
  // Bottom to top: farthest (3/3) directly above the photo … nearest (1/3) on top.
  expect(bands).toEqual(["3/3", "2/3", "1/3"]);
  const [farthest, , nearest] = slices;
  expect(nearest!.image!.grid[8]! - nearest!.image!.grid[0]!).toBeGreaterThan(40);
  expect(farthest!.image!.grid[0]! - farthest!.image!.grid[8]!).toBeGreaterThan(20);
  await saveScreenshot(s.page, "depth-slices.png");

  // A designer puts text between the nearest slice and the next: it shows over the far parts
  // of the photo and disappears behind the near (bright) corner.
  const text = await s.page.evaluate(() => (globalThis as unknown as { harness: { addText(t: string, at: object): string } }).harness.addText("BEHIND", { x: 110, y: 300, size: 110, color: "#ff0000" }));
  await s.page.evaluate(([t, target]) => (globalThis as unknown as { harness: { placeAbove(a: string, b: string): void } }).harness.placeAbove(t!, target!), [text, slices[1]!.id]);
  const placed = await snapshot(s.page);
  const textNow = placed.layers.find((l) => l.id === text)!;
  expect(textNow.parentId).toBe(group!.id);
  expect(textNow.index).toBe(2);
  const red = async (x0: number, x1: number) => {
    let n = 0;
    for (let x = x0; x < x1; x += 6)
      for (let y = 310; y < 420; y += 6) {
        const [r, g, b] = await s.page.evaluate(([px, py]) => (globalThis as unknown as { harness: { pixel(x: number, y: number): Promise<number[]> } }).harness.pixel(px!, py!), [x, y]);
        if (r! > 200 && g! < 60 && b! < 60) n++;
      }
    return n;
  };
  expect(await red(110, 260)).toBeGreaterThan(10);
  expect(await red(500, 575)).toBe(0);
  await saveScreenshot(s.page, "depth-slices-text-between.png");
});

test("Depth edits change the live preview and the inserted depth layer alike", async () => {
  await selectLayers(s.page, ["photo"]);
  const preview = byId(s.panel, TID.depthPreview);
  await preview.waitFor({ state: "visible" });
  type Canvas = { getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
  const pixels = () => preview.evaluate((c: unknown) => Array.from((c as Canvas).getContext("2d").getImageData(0, 0, 4, 1).data));
  const plain = await pixels();
  await setSwitch(s.panel, TID.depthInvert, true);
  await setSlider(s.panel, TID.depthGamma, 2);
  let edited = plain;
  for (let i = 0; i < 50 && JSON.stringify(edited) === JSON.stringify(plain); i++) {
    await s.page.waitForTimeout(50);
    edited = await pixels();
  }
  expect(edited).not.toEqual(plain);
  // Inverted: the top-left corner (far, dark in the photo) turns light.
  expect(edited[0]!).toBeGreaterThan(plain[0]!);
  await byId(s.panel, TID.depthTools).scrollIntoViewIfNeeded();
  await saveScreenshot(s.page, "depth-editor-edited-panel.png", "panel");

  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await clickWhenEnabled(s.panel, TID.addDepthLayer);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  // One new layer, in the photo's container above the photo and above its earlier results (the slices).
  const added = addedLayers(before, after);
  expect(added).toHaveLength(1);
  const depth = added[0];
  const photoNow = layer(after, "photo");
  expect(depth!.parentId).toBe(photoNow.parentId);
  expect(depth!.index).toBeGreaterThan(layerAbove(after, photoNow)!.index);
  expect(depth!.image!.grayscale).toBe(true);
  // Inverted: the bright (near) bottom-right of the photo is now dark.
  expect(depth!.image!.grid[0]! - depth!.image!.grid[8]!).toBeGreaterThan(60);
  await byId(s.panel, TID.depthEditReset).click();
});

test("Restyles and sweep cells show a composition score; the fake's negative images are flagged as drifted", async () => {
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "watercolour");
  await selectLayers(s.page, ["tile"]);
  await byId(s.panel, TID.ownDepthUnavailable).waitFor({ state: "visible" });
  await clickWhenEnabled(s.panel, TID.sweep);
  const badges = s.panel.locator(`[data-testid="${TID.sweepCell}"] [data-testid="${TID.compositionScore}"]`);
  await badges.nth(4).waitFor({ state: "attached", timeout: 200_000 });
  expect(await badges.count()).toBe(5);
  // The fake Segmind blends the negative of the input in by strength: below one half the layout
  // holds (the tiny model's depth is brightness), above it near and far swap, and the score says so.
  for (const cell of await s.panel.locator(`[data-testid="${TID.sweepCell}"]`).all()) {
    const strength = Number(await cell.getAttribute("data-strength"));
    const badge = cell.locator(`[data-testid="${TID.compositionScore}"]`);
    const score = Number(await badge.getAttribute("data-score"));
    if (strength < 0.5) {
      expect(await badge.getAttribute("data-drifted")).toBe("false");
      expect(score).toBeGreaterThan(0.6);
    } else {
      expect(await badge.getAttribute("data-drifted")).toBe("true");
      expect(score).toBeLessThan(0);
    }
  }
  await saveScreenshot(s.page, "scored-sweep-panel.png", "panel");

  await clickWhenEnabled(s.panel, TID.generate);
  const rowBadge = s.panel.locator(`[data-testid="${TID.jobRow}"] [data-testid="${TID.compositionScore}"]`);
  await rowBadge.first().waitFor({ state: "attached", timeout: 200_000 });
  expect(await rowBadge.first().textContent()).toMatch(/Composition drifted \(\d+ %\)/);
  await saveScreenshot(s.page, "scored-restyle-panel.png", "panel");
});
