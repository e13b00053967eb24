/**
 * The layer the designer sees, in Chromium with the real bundles: a second restyle of a layer
 * lands on top and is made from the same source pixels as the first (earlier results hidden
 * while the page is read); a cut-out gives a result cut to its own footprint, leaving the
 * neighbour under its transparent corner visible; Express's rendition refusals end in messages
 * that say what to do, with the page left as it was.
 */
import { jest } from "@jest/globals";
import type { Scene } from "../../harness/scene";
import { SegmindBodySchema } from "../../../src/shared/segmind-body";
import { TID } from "../../../src/ui/testids";
import type { HarnessApi } from "../../harness/browser/harness-api";
import { addedLayers, layer } from "./support/document";
import { generateFor } from "./support/generate";
import { clickWhenEnabled, configureSegmind, setPrompt } from "./support/panel";
import { saveScreenshot, selectLayers, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

const SCENE: Scene = {
  page: { width: 1000, height: 700, background: "#f4f1ea" },
  layers: [
    { label: "backdrop", kind: "rectangle", x: 40, y: 40, width: 920, height: 620, color: "#c9d6df" },
    { label: "photo", kind: "image", x: 100, y: 100, width: 400, height: 260, source: { pattern: "gradient", colors: ["#1d4e89", "#f9c74f"], width: 800, height: 520 } },
    // Under the cut-out's transparent top-left corner: it must stay visible after the restyle.
    { label: "neighbour", kind: "rectangle", x: 540, y: 100, width: 60, height: 60, color: "#2a9d8f" },
    { label: "cutout", kind: "image", x: 560, y: 120, width: 300, height: 300, source: { pattern: "cutout", colors: ["#d62828", "#f77f00"], width: 600, height: 600 } },
  ],
  selected: [],
};

type HarnessWindow = { harness: HarnessApi };
let s: Session;

beforeAll(async () => {
  s = await startSession({ scene: SCENE });
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "a linocut print");
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generateRequests = () => s.segmind.requests.filter((r) => r.path === "/v1/ssd-depth");
const pixel = (x: number, y: number) => s.page.evaluate(([px, py]) => (globalThis as unknown as HarnessWindow).harness.pixel(px, py), [x, y] as const);
const setRules = (rules: Parameters<HarnessApi["setDocumentRules"]>[0]) => s.page.evaluate((r) => (globalThis as unknown as HarnessWindow).harness.setDocumentRules(r), rules);

const generate = (label: string) => generateFor(s, label);

test("a second restyle of a layer lands on top, made from the same source pixels as the first", async () => {
  const start = await snapshot(s.page);
  const photo = layer(start, "photo");
  await generate("photo");
  const afterFirst = await snapshot(s.page);
  const [first] = addedLayers(start, afterFirst);
  await generate("photo");
  const afterSecond = await snapshot(s.page);
  const [second] = addedLayers(afterFirst, afterSecond);
  expect(first && second).toBeTruthy();

  // Stacking: source, first result, second result — the newest is the top one, the source untouched.
  const top = (doc: typeof afterSecond) => doc.layers.filter((l) => l.parentId === doc.artboardId);
  const order = top(afterSecond).map((l) => l.id);
  expect(order.indexOf(second!.id)).toBe(order.indexOf(first!.id) + 1);
  expect(order.indexOf(first!.id)).toBe(order.indexOf(photo.id) + 1);
  expect({ ...layer(afterSecond, "photo"), index: 0 }).toEqual({ ...photo, index: 0 });

  // Same input both times: the first result (the fake's negative) was hidden while the page was read.
  const [one, two] = generateRequests().slice(-2).map((r) => SegmindBodySchema.parse(r.body).image);
  expect(two).toBe(one);
  // The read left nothing behind: the first result is visible again and no backdrop remains.
  expect(afterSecond.layers.find((l) => l.id === first!.id)?.opacity).toBe(1);
  expect(afterSecond.layers.filter((l) => "dr:backdrop" in l.addOnData || "dr:hidden" in l.addOnData)).toEqual([]);
  await saveScreenshot(s.page, "layer-two-restyles.png");
});

test("a cut-out gives a result cut to its own footprint; the neighbour under its transparent corner stays visible", async () => {
  const neighbourPixel = await pixel(570, 130);
  const before = await snapshot(s.page);
  const cutout = layer(before, "cutout");
  expect(cutout.image!.opaqueShare).toBeLessThan(0.7);
  await generate("cutout");
  const after = await snapshot(s.page);
  const [result] = addedLayers(before, after);
  const stats = result!.image!;
  // Transparent where the cut-out is (corners), opaque in its middle, about the same share.
  expect(stats.alphaProbe.slice(0, 4)).toEqual([0, 0, 0, 0]);
  expect(stats.alphaProbe[4]).toBe(255);
  expect(Math.abs(stats.opaqueShare - cutout.image!.opaqueShare)).toBeLessThan(0.05);
  // Made from the cut-out's own colours (the fake answers the negative), not from the page behind it.
  for (const c of [0, 1, 2] as const) expect(Math.abs(stats.opaqueMean[c] - (255 - cutout.image!.opaqueMean[c]))).toBeLessThan(30);
  expect(await pixel(570, 130)).toEqual(neighbourPixel);
  await saveScreenshot(s.page, "layer-cutout-masked.png");
});

async function refused(code: string, expectedText: RegExp): Promise<void> {
  const before = await snapshot(s.page);
  const sent = generateRequests().length;
  await selectLayers(s.page, ["photo"]);
  await clickWhenEnabled(s.panel, TID.generate);
  const message = s.panel.locator(`[data-testid="${TID.error}"][data-code="${code}"]`).first();
  await message.waitFor();
  expect(await message.textContent()).toMatch(expectedText);
  // Nothing sent, nothing added, and the page restored after the read.
  expect(generateRequests()).toHaveLength(sent);
  const after = await snapshot(s.page);
  expect(addedLayers(before, after)).toEqual([]);
  expect(after.layers.map((l) => [l.id, l.opacity])).toEqual(before.layers.map((l) => [l.id, l.opacity]));
}

test("Premium content the user's plan lacks: the panel says so and what to do; nothing is sent", async () => {
  await setRules({ premiumContent: true, premiumUser: false });
  await refused("premium_content", /Premium content.*Upgrade to Adobe Express Premium, or replace the Premium items/);
  await saveScreenshot(s.page, "panel-error-premium.png", "panel");
  await setRules({ premiumContent: true, premiumUser: true });
  await generate("photo");
  await setRules({ premiumContent: false });
});

test("a document under review: the panel asks for approval in its own words, and Express's dialog never opens", async () => {
  await setRules({ exportAllowed: false });
  await refused("export_not_allowed", /under review.*Ask the document's reviewers to approve it/);
  expect(await s.page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.dialogs())).toEqual([]);
  await saveScreenshot(s.page, "panel-error-export-approval.png", "panel");
  await setRules({ exportAllowed: true });
});
