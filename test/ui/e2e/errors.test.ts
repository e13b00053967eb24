/** Segmind's failures reach the user as fix-it messages; nothing is inserted and nothing is sent twice. */
import { jest } from "@jest/globals";
import { FAKE_ERRORS, rateLimitStep, type FakeStep } from "../../fakes/segmind-server";
import { TID } from "../../../src/ui/testids";
import { addedLayers, layer, layerAbove } from "./support/document";
import { byId, clickWhenEnabled, configureSegmind, fillText, finishedJobs, setPrompt } from "./support/panel";
import { saveScreenshot, selectLayers, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;

beforeAll(async () => {
  s = await startSession();
  await configureSegmind(s.panel, s.segmind.url, s.segmind.key);
  await setPrompt(s.panel, "charcoal sketch");
  await selectLayers(s.page, ["photo"]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
}, 900_000);

afterAll(async () => {
  await s?.close();
});

const generateRequests = () => s.segmind.requests.filter((r) => r.path === "/v1/ssd-depth");

async function failWith(step: FakeStep, code: string): Promise<string> {
  s.segmind.script(step);
  const before = await snapshot(s.page);
  const sent = generateRequests().length;
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["failed"]);
  const message = s.panel.locator(`[data-testid="${TID.error}"][data-code="${code}"]`).first();
  await message.waitFor();
  expect(addedLayers(before, await snapshot(s.page))).toEqual([]);
  expect(generateRequests()).toHaveLength(sent + 1);
  return (await message.textContent()) ?? "";
}

test("401: the key was rejected; the fix is said once, with the Generator settings one click away", async () => {
  const text = await failWith(FAKE_ERRORS.auth, "auth");
  expect(text).toContain("Key not accepted");
  expect(text.match(/paste it again/g)).toHaveLength(1);
  const row = s.panel.locator(`[data-testid="${TID.jobRow}"][data-status=failed]`).first();
  await row.getByTestId(TID.errorAction).click();
  await byId(s.panel, TID.segmindKey).waitFor({ state: "visible" });
  await saveScreenshot(s.page, "panel-error-401.png", "panel");
});

test("406: out of credits, and the message says once to add credits", async () => {
  const text = await failWith(FAKE_ERRORS.credits, "credits");
  expect(text).toContain("Out of credits");
  expect(text.match(/Add credits/g)).toHaveLength(1);
});

test("429 with a far reset time: fails at once with the retry time in the user's clock, instead of blocking the panel", async () => {
  const text = await failWith(rateLimitStep(new Date(Date.now() + 10 * 60_000)), "rate_limited");
  expect(text).toContain("Too many requests");
  expect(text).toMatch(/Try again at \d{1,2}:\d\d/);
  expect(text).not.toMatch(/UTC/);
});

test("429 with a near reset time: retried once after the reset, then inserted", async () => {
  const resetAt = new Date(Date.now() + 1500);
  s.segmind.script(rateLimitStep(resetAt));
  const before = await snapshot(s.page);
  const sent = generateRequests().length;
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const retried = generateRequests().slice(sent);
  expect(retried).toHaveLength(2);
  const after = await snapshot(s.page);
  const result = layerAbove(after, layer(before, "photo"));
  expect(addedLayers(before, after).map((l) => l.id)).toContain(result?.id);
});

test("a name that does not resolve: Generate and the free Test connection say Segmind could not be reached, never that it may be billed", async () => {
  await fillText(s.panel, TID.segmindBaseUrl, "https://segmind.invalid");
  try {
    await clickWhenEnabled(s.panel, TID.generate);
    expect(await finishedJobs(s.panel, 1)).toEqual(["failed"]);
    const row = (await s.panel.locator(`[data-testid="${TID.jobRow}"] [data-testid="${TID.error}"]`).first().textContent()) ?? "";
    expect(row).toMatch(/Could not reach Segmind at https:\/\/segmind\.invalid/);
    expect(row).not.toMatch(/bill/i);
    await byId(s.panel, TID.testConnection).click();
    const status = s.panel.locator(`[data-testid="${TID.connectionStatus}"][data-state=failed]`);
    await status.waitFor();
    expect(await status.textContent()).not.toMatch(/bill/i);
    await saveScreenshot(s.page, "panel-error-unreachable.png", "panel");
  } finally {
    await fillText(s.panel, TID.segmindBaseUrl, s.segmind.url);
  }
});
