/**
 * A failure in the document sandbox reaches the panel as its typed error with its fix-it
 * message, through the production bundle and Express's bridge rules; Express's extra themes.
 */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { addedLayers } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, finishedJobs, setPrompt } from "./support/panel";
import { removeLayer, sandboxCalls, selectLayers, setTheme, snapshot, startSession, type Session } from "./support/session";

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

test("inserting a result whose source layer was deleted says so and what to do, and inserts nothing", async () => {
  await selectLayers(s.page, ["photo"]);
  await setPrompt(s.panel, "linocut print");
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  await byId(s.panel, TID.historyItem).first().waitFor();

  await removeLayer(s.page, "photo");
  const before = await snapshot(s.page);
  await byId(s.panel, TID.historyReinsert).first().click();
  const alert = s.panel.locator('[role="alert"][data-code="source_layer"]');
  await alert.waitFor();
  const text = (await alert.textContent()) ?? "";
  expect(text).toContain("Layer not found");
  expect(text).toContain("The source layer was deleted or moved to another page; select it again.");
  expect(addedLayers(before, await snapshot(s.page))).toEqual([]);
  // The sandbox answered (as data): the failure did not travel as a thrown Error.
  expect((await sandboxCalls(s.page)).at(-1)).toMatchObject({ method: "insertResult", ok: true });
});

test("Express's darkest and lightest themes draw the panel in Spectrum's dark and light", async () => {
  await setTheme(s.page, "darkest");
  await s.panel.locator('sp-theme[color="dark"]').first().waitFor();
  await setTheme(s.page, "lightest");
  await s.panel.locator('sp-theme[color="light"]').first().waitFor();
});
