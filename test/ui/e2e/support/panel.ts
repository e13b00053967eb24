import type { FrameLocator, Locator } from "playwright-core";
import { TID, type TestId } from "../../../../src/ui/testids";

/** Panel interactions through the shared test ids (Spectrum components: inputs sit in shadow DOM, which locators pierce). */
export const byId = (panel: FrameLocator, id: TestId): Locator => panel.getByTestId(id);

export async function fillText(panel: FrameLocator, id: TestId, value: string): Promise<void> {
  const input = byId(panel, id).locator("input, textarea").first();
  await input.fill(value);
}

export async function pick(panel: FrameLocator, id: TestId, value: string): Promise<void> {
  const picker = byId(panel, id);
  if ((await picker.getAttribute("value")) === value) return;
  await picker.click();
  await panel.locator(`sp-menu-item[value="${value}"]`).first().click();
}

export async function configureSegmind(panel: FrameLocator, baseUrl: string, key: string): Promise<void> {
  await pick(panel, TID.backendPicker, "segmind");
  await fillText(panel, TID.segmindKey, key);
  const advanced = panel.locator("details", { has: byId(panel, TID.segmindBaseUrl) });
  if ((await advanced.getAttribute("open")) === null) await advanced.locator("summary").click();
  await fillText(panel, TID.segmindBaseUrl, baseUrl);
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
  await finished.nth(count - 1).waitFor({ state: "attached" });
  return Promise.all((await finished.all()).map(async (row) => (await row.getAttribute("data-status")) ?? ""));
}
