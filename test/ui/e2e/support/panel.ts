import type { FrameLocator, Locator } from "playwright-core";
import { TID, type TestId } from "../../../../src/ui/testids";

/** Panel interactions through the shared test ids (Spectrum components: inputs sit in shadow DOM, which locators pierce). */
export const byId = (panel: FrameLocator, id: TestId): Locator => panel.getByTestId(id);

/** Opens every folded section (Advanced, Generator, Details) around a control, outermost first. */
export async function reveal(panel: FrameLocator, id: TestId): Promise<void> {
  for (let i = 0; i < 4; i++) {
    const closed = panel.locator("details:not([open])", { has: byId(panel, id) }).first();
    if ((await closed.count()) === 0) return;
    await closed.locator(":scope > summary").click();
  }
}

export async function fillText(panel: FrameLocator, id: TestId, value: string): Promise<void> {
  await reveal(panel, id);
  const input = byId(panel, id).locator("input, textarea").first();
  await input.fill(value);
}

export async function pick(panel: FrameLocator, id: TestId, value: string): Promise<void> {
  await reveal(panel, id);
  const picker = byId(panel, id);
  if ((await picker.getAttribute("value")) === value) return;
  await picker.click();
  await panel.locator(`sp-menu-item[value="${value}"]`).first().click();
}

/** Leaves the first-run setup step with Done once it is enabled (no-op when the panel is past it). */
export async function finishSetup(panel: FrameLocator): Promise<void> {
  if (await byId(panel, TID.setupStep).isVisible()) await clickWhenEnabled(panel, TID.setupDone);
}

/** "Skip for now" on the first-run step: a designer who only wants depth layers. */
export async function skipSetup(panel: FrameLocator): Promise<void> {
  await byId(panel, TID.setupSkip).click();
  await byId(panel, TID.prompt).waitFor();
}

/** Sets up Segmind: in the first-run step when it shows, else in the Generator section. */
export async function configureSegmind(panel: FrameLocator, baseUrl: string, key: string): Promise<void> {
  await pick(panel, TID.backendPicker, "segmind");
  await fillText(panel, TID.segmindKey, key);
  await fillText(panel, TID.segmindBaseUrl, baseUrl);
  await finishSetup(panel);
}

/** Turns a Spectrum switch on or off (no-op when it already is). */
export async function setSwitch(panel: FrameLocator, id: TestId, on: boolean): Promise<void> {
  await reveal(panel, id);
  const control = byId(panel, id);
  if (((await control.getAttribute("checked")) !== null) !== on) await control.click();
}

export async function setPrompt(panel: FrameLocator, prompt: string): Promise<void> {
  await fillText(panel, TID.prompt, prompt);
}

/** Clicks Generate once it is enabled (it stays disabled, with a reason, until the panel is ready). */
export async function clickWhenEnabled(panel: FrameLocator, id: TestId): Promise<void> {
  const button = byId(panel, id);
  await button.and(panel.locator(":not([disabled])")).waitFor({ state: "visible" });
  await button.click();
}

/** Waits for `count` job rows all in a finished state; returns their statuses. */
export async function finishedJobs(panel: FrameLocator, count: number): Promise<string[]> {
  const finished = panel.locator(`[data-testid="${TID.jobRow}"]:is([data-status=done],[data-status=failed],[data-status=cancelled])`);
  try {
    await finished.nth(count - 1).waitFor({ state: "attached", timeout: 150_000 });
  } catch (error) {
    const rows = await byId(panel, TID.jobRow).allTextContents();
    const banner = await byId(panel, TID.error).allTextContents();
    throw new Error(`${count} finished job(s) expected; rows now: ${JSON.stringify(rows)}; errors: ${JSON.stringify(banner)}`, { cause: error });
  }
  return Promise.all((await finished.all()).map(async (row) => (await row.getAttribute("data-status")) ?? ""));
}
