/** Results are kept across panel and page reloads, and can be inserted again from the history. */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { addedLayers, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, setPrompt } from "./support/panel";
import { openHost, reloadPanel, selectLayers, snapshot, startSession, type Session } from "./support/session";

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

const historyIds = async (): Promise<string[]> => {
  const items = await byId(s.panel, TID.historyItem).all();
  return Promise.all(items.map(async (item) => (await item.getAttribute("data-id")) ?? ""));
};

test("a generated result stays in the history after the panel reloads, and can be inserted again", async () => {
  await selectLayers(s.page, ["tile"]);
  await setPrompt(s.panel, "stained glass");
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  await byId(s.panel, TID.historyItem).first().waitFor();
  const ids = await historyIds();
  expect(ids).toHaveLength(1);

  // Closing and reopening the add-on: the document stays, the panel starts from scratch.
  await reloadPanel(s.page);
  await byId(s.panel, TID.historyItem).first().waitFor();
  expect(await historyIds()).toEqual(ids);
  expect(await byId(s.panel, TID.historyItem).first().textContent()).toContain("stained glass");

  const before = await snapshot(s.page);
  await byId(s.panel, TID.historyReinsert).first().click();
  let after = before;
  for (let i = 0; i < 100 && addedLayers(before, after).length === 0; i++) {
    await s.page.waitForTimeout(100);
    after = await snapshot(s.page);
  }
  const added = addedLayers(before, after);
  expect(added).toHaveLength(1);
  // Stacked where it is seen: above the first result of the same layer, which sits directly on the source.
  const first = layerAbove(before, layer(before, "tile"));
  expect(first?.addOnData["dr:source"]).toBe(layer(before, "tile").id);
  expect(layerAbove(after, first!)?.id).toBe(added[0]!.id);
  expect(added[0]!.image?.width).toBeGreaterThan(0);
});

test("the history survives a reload of the whole page", async () => {
  const ids = await historyIds();
  expect(ids.length).toBeGreaterThan(0);
  await openHost(s);
  await byId(s.panel, TID.historyItem).first().waitFor();
  expect(await historyIds()).toEqual(ids);
});
