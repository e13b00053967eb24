/** First run: the panel opens on a short setup step; after Done the prompt form comes first, also on the next opening. */
import { jest } from "@jest/globals";
import { TID } from "../../../src/ui/testids";
import { byId, clickWhenEnabled, fillText, pick } from "./support/panel";
import { reloadPanel, saveScreenshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;

beforeAll(async () => {
  s = await startSession();
}, 900_000);

afterAll(async () => {
  await s?.close();
});

test("with no generator configured the panel opens on the setup step, not on the prompt", async () => {
  await byId(s.panel, TID.setupStep).waitFor();
  expect(await byId(s.panel, TID.prompt).count()).toBe(0);
  // Done waits for a key, and says so in the same words as the rule that disables it.
  expect(await byId(s.panel, TID.setupDone).getAttribute("disabled")).not.toBeNull();
  expect(await byId(s.panel, TID.setupStep).textContent()).toContain("Paste your Segmind API key");
  await saveScreenshot(s.page, "first-run-setup.png", "panel");

  // The local GPU option shows how to start the gateway only behind Details, with a copy button.
  await pick(s.panel, TID.backendPicker, "gateway");
  const command = byId(s.panel, TID.command);
  expect(await command.isVisible()).toBe(false);
  await s.panel.locator(`[data-testid="${TID.details}"] > summary`).first().click();
  expect(await command.textContent()).toMatch(/^npx depth-restyle serve/);
  await byId(s.panel, TID.copyCommand).click();
  await byId(s.panel, TID.copyCommand).filter({ hasText: /Copied|Selected/ }).waitFor();
  await saveScreenshot(s.page, "first-run-local-gpu.png", "panel");
});

test("Test connection checks the Segmind key (free) and Done leads to the prompt form, which comes first from then on", async () => {
  await pick(s.panel, TID.backendPicker, "segmind");
  await fillText(s.panel, TID.segmindKey, s.segmind.key);
  await fillText(s.panel, TID.segmindBaseUrl, s.segmind.url);
  await byId(s.panel, TID.testConnection).click();
  const status = s.panel.locator(`[data-testid="${TID.connectionStatus}"][data-state=ok]`);
  await status.waitFor();
  expect(await status.textContent()).toMatch(/Segmind: key accepted/);
  expect(s.segmind.requests.map((r) => r.path)).toEqual(["/v1/get-user-credits"]);
  await saveScreenshot(s.page, "first-run-tested.png", "panel");

  await clickWhenEnabled(s.panel, TID.setupDone);
  await byId(s.panel, TID.prompt).waitFor();
  expect(await byId(s.panel, TID.setupStep).count()).toBe(0);
  // Rarely used settings are folded under Advanced; the generator under its own fold.
  expect(await byId(s.panel, TID.steps).isVisible()).toBe(false);
  expect(await byId(s.panel, TID.segmindKey).isVisible()).toBe(false);
  await saveScreenshot(s.page, "first-run-prompt-form.png", "panel");

  await reloadPanel(s.page);
  await byId(s.panel, TID.prompt).waitFor();
  expect(await byId(s.panel, TID.setupStep).count()).toBe(0);
});
