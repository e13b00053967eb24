/**
 * The built panel in Chromium, inside the host harness, against the fake Segmind over HTTP:
 * select a layer → Generate → the result lands directly above it with the same bounds.
 */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { SegmindBodySchema } from "../../../src/shared/segmind-body";
import { addedLayers, appearance, expectRectClose, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, setPrompt } from "./support/panel";
import { saveScreenshot, selectLayers, setLocale, setTheme, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;

beforeAll(async () => {
  s = await startSession();
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generateRequests = () => s.segmind.requests.filter((r) => r.path === "/v1/ssd-depth");

test("the panel renders inside the host and shows the selection", async () => {
  await selectLayers(s.page, ["photo"]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
  await setPrompt(s.panel, "an oil painting of a harbour at dusk");
  const path = await saveScreenshot(s.page, "panel.png", "panel");
  await saveScreenshot(s.page, "host.png", "page");
  expect(path).toMatch(/test-artifacts\/panel\.png$/);
  expect(await byId(s.panel, TID.generate).isVisible()).toBe(true);
});

test("the panel follows the host's theme and locale events", async () => {
  expect(await s.panel.locator("sp-theme").first().getAttribute("color")).toBe("light");
  await setTheme(s.page, "dark");
  await s.panel.locator('sp-theme[color="dark"]').first().waitFor();
  await setLocale(s.page, "de-DE");
  await s.panel.locator('sp-theme[lang="de-DE"]').first().waitFor();
  await saveScreenshot(s.page, "panel-dark.png", "panel");
  await setTheme(s.page, "light");
  await setLocale(s.page, "en-US");
  await s.panel.locator('sp-theme[color="light"][lang="en-US"]').first().waitFor();
});

test("inserts the restyled result directly above the selected layer with the same bounds", async () => {
  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await selectLayers(s.page, ["photo"]);
  await setPrompt(s.panel, "an oil painting of a harbour at dusk");
  await clickWhenEnabled(s.panel, TID.generate);

  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  const added = addedLayers(before, after).filter((l) => l.parentId === after.artboardId);
  expect(added).toHaveLength(1);
  const result = layerAbove(after, photo);
  expect(result?.id).toBe(added[0]?.id);
  expectRectClose(result!.bounds, photo.bounds);
  expect(result!.rotation).toBeCloseTo(photo.rotation, 3);
  // The source layer is never modified.
  expect(appearance(layer(after, "photo"))).toEqual(appearance(photo));

  // What went over the wire: one request, the prompt, and an image the fake could decode.
  expect(generateRequests()).toHaveLength(1);
  const body = SegmindBodySchema.parse(generateRequests()[0]!.body);
  expect(body.prompt).toBe("an oil painting of a harbour at dusk");
  expect(generateRequests()[0]!.headers["x-api-key"]).toBe(s.segmind.key);

  // The fake answers the negative of its input: the inserted pixels came from the source layer.
  const source = photo.image!;
  const inserted = result!.image!;
  for (const channel of [0, 1, 2] as const) expect(Math.abs(inserted.mean[channel] - (255 - source.mean[channel]))).toBeLessThan(24);
  // Provenance travels with the layer.
  expect(Object.values(result!.addOnData).join(" ")).toContain(photo.id);
  await saveScreenshot(s.page, "after-generate.png");
});

test("a rotated layer gets a result with the same rotation and bounds", async () => {
  const before = await snapshot(s.page);
  const tilted = layer(before, "tilted");
  expect(tilted.rotation).toBeCloseTo(15, 3);
  await selectLayers(s.page, ["tilted"]);
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);

  const after = await snapshot(s.page);
  const result = layerAbove(after, tilted);
  expect(result && addedLayers(before, after).some((l) => l.id === result.id)).toBe(true);
  expect(result!.rotation).toBeCloseTo(15, 1);
  expectRectClose(result!.bounds, tilted.bounds, 1.5);
  expectRectClose(result!.boundsLocal, tilted.boundsLocal, 1.5);
});
