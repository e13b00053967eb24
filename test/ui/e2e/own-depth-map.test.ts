/**
 * Your own depth map, end to end: the built panel → the real gateway → the real ComfyUI engine →
 * the fake ComfyUI. The chosen layer (the rings) replaces the preprocessor as the ControlNet image.
 */
import { jest } from "@jest/globals";
import { DEFAULT_COMFY_MODELS } from "../../../src/server/engines/comfy";
import { TID } from "../../../src/ui/testids";
import { addedLayers, layer } from "./support/document";
import { startGatewayStack } from "./support/gateway-stack";
import { byId, clickWhenEnabled, fillText, finishedJobs, pick, setPrompt, setSwitch, skipSetup } from "./support/panel";
import { saveScreenshot, selectLayers, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;
let stack: Awaited<ReturnType<typeof startGatewayStack>>;

beforeAll(async () => {
  s = await startSession();
  await skipSetup(s.panel);
  stack = await startGatewayStack(s.harness.panelOrigin);
}, 900_000);

afterAll(async () => {
  await s?.close();
  await stack?.close();
});

test("On Segmind the option is replaced by the reason; on the gateway a chosen layer guides the restyle instead of the preprocessor", async () => {
  await byId(s.panel, TID.ownDepthUnavailable).filter({ hasText: "needs the local gateway" }).waitFor();
  await pick(s.panel, TID.backendPicker, "gateway");
  await fillText(s.panel, TID.gatewayUrl, stack.gateway.url);
  await fillText(s.panel, TID.gatewayToken, stack.gateway.token);

  await selectLayers(s.page, ["tilted"]);
  await clickWhenEnabled(s.panel, TID.ownDepthUse);
  await byId(s.panel, TID.ownDepthChosen).waitFor();
  await saveScreenshot(s.page, "own-depth-map-panel.png", "panel");

  await setPrompt(s.panel, "ink drawing");
  await setSwitch(s.panel, TID.depthLayerToggle, true);
  const before = await snapshot(s.page);
  await selectLayers(s.page, ["photo"]);
  await clickWhenEnabled(s.panel, TID.generate);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);

  const prompt = stack.comfy.prompts.at(-1)!.prompt;
  const classes = Object.values(prompt).map((n) => n.class_type);
  expect(classes).not.toContain(DEFAULT_COMFY_MODELS.preprocessor);
  expect(classes.filter((c) => c === "LoadImage")).toHaveLength(2);
  // The depth map that came back is the chosen layer (coloured rings), not an estimate of the photo (a grey ramp).
  const depth = addedLayers(before, await snapshot(s.page)).find((l) => l.addOnData["dr:kind"] === "depth");
  expect(depth?.image?.grayscale).toBe(false);
  const photoRamp = layer(before, "photo").image!.grid;
  expect(Math.abs(depth!.image!.grid[8]! - depth!.image!.grid[0]!)).toBeLessThan(Math.abs(photoRamp[8]! - photoRamp[0]!));
});
