/** Several selected layers in one click, and cancelling a job that is in flight. */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { addedLayers, expectRectClose, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, setPrompt } from "./support/panel";
import { sandboxCalls, selectLayers, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;

beforeAll(async () => {
  s = await startSession();
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "paper cut-out style");
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generateRequests = () => s.segmind.requests.filter((r) => r.path === "/v1/ssd-depth");

test("a batch of three selected layers gives three results, each directly above its own source", async () => {
  const before = await snapshot(s.page);
  const sources = ["photo", "tilted", "tile"].map((label) => layer(before, label));
  await selectLayers(s.page, ["photo", "tilted", "tile"]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "3 layers selected" }).waitFor();
  await clickWhenEnabled(s.panel, TID.generate);

  expect(await finishedJobs(s.panel, 3)).toEqual(["done", "done", "done"]);
  const after = await snapshot(s.page);
  expect(addedLayers(before, after).filter((l) => l.parentId === after.artboardId)).toHaveLength(3);
  for (const source of sources) {
    const result = layerAbove(after, source);
    expect(result?.label).toBeUndefined(); // made by the add-on, not by the scene
    expectRectClose(result!.bounds, source.bounds, 1.5);
  }
  expect(generateRequests()).toHaveLength(3);
});

test("cancelling an in-flight job inserts nothing and sends nothing more", async () => {
  s.segmind.script({ kind: "hang" });
  const before = await snapshot(s.page);
  const sent = generateRequests().length;
  const inserts = (await sandboxCalls(s.page)).filter((c) => c.method.startsWith("insert")).length;
  await selectLayers(s.page, ["photo"]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
  await clickWhenEnabled(s.panel, TID.generate);

  // Cancel only once the request is really on the wire (bounded wait on the fake's log).
  for (let i = 0; i < 300 && generateRequests().length === sent; i++) await s.page.waitForTimeout(50);
  expect(generateRequests()).toHaveLength(sent + 1);
  await byId(s.panel, TID.cancel).first().click();

  expect(await finishedJobs(s.panel, 1)).toEqual(["cancelled"]);
  const after = await snapshot(s.page);
  expect(addedLayers(before, after)).toEqual([]);
  expect((await sandboxCalls(s.page)).filter((c) => c.method.startsWith("insert"))).toHaveLength(inserts);
  expect(generateRequests()).toHaveLength(sent + 1);
});
