/**
 * The other backend, end to end: the built panel → real HTTP (CORS from the panel's origin) →
 * the real gateway app → the real ComfyUI engine → the fake ComfyUI server. The gateway
 * returns its own depth map, so the result and the depth layer both land above the source.
 */
import { jest } from "@jest/globals";
import { createComfyEngine, DEFAULT_COMFY_MODELS } from "../../../src/server/engines/comfy";
import { promptRoles } from "../../server/engines/comfy/prompt-roles";
import { TID } from "../../../src/ui/testids";
import type { FakeComfy } from "../../fakes/comfyui-server";
import { addedLayers, expectRectClose, layer, layerAbove } from "./support/document";
import { startGatewayStack } from "./support/gateway-stack";
import { clickWhenEnabled, fillText, finishSetup, finishedJobs, pick, setPrompt, setSwitch } from "./support/panel";
import { selectLayers, snapshot, startSession, type Session } from "./support/session";

// Bounds on a hang (a browser job under load), never a speed requirement.
jest.setTimeout(180_000);

let s: Session;
let comfy: FakeComfy;
let stack: Awaited<ReturnType<typeof startGatewayStack>>;

beforeAll(async () => {
  s = await startSession();
  stack = await startGatewayStack(s.harness.panelOrigin);
  comfy = stack.comfy;
  const { gateway } = stack;
  await pick(s.panel, TID.backendPicker, "gateway");
  await fillText(s.panel, TID.gatewayUrl, gateway.url);
  await fillText(s.panel, TID.gatewayToken, gateway.token);
  await finishSetup(s.panel);
}, 900_000);

afterAll(async () => {
  await s?.close();
  await stack?.close();
});

test("Generate through the local gateway inserts the result and the gateway's depth map above the source", async () => {
  await setPrompt(s.panel, "ink drawing of a lighthouse");
  await setSwitch(s.panel, TID.depthLayerToggle, true);
  const before = await snapshot(s.page);
  const photo = layer(before, "photo");
  await selectLayers(s.page, ["photo"]);
  await clickWhenEnabled(s.panel, TID.generate);

  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
  const after = await snapshot(s.page);
  const images = addedLayers(before, after).filter((l) => l.image);
  expect(images).toHaveLength(2);
  for (const l of images) expectRectClose(l.bounds, photo.bounds, 1.5);
  // Provenance on each layer says which is which.
  const result = images.find((l) => l.addOnData["dr:kind"] === "restyle");
  const depth = images.find((l) => l.addOnData["dr:kind"] === "depth");
  expect(result?.addOnData["dr:backend"]).toBe("gateway");
  expect(depth?.image?.grayscale).toBe(true);
  expect(depth?.opacity).toBeLessThan(1);
  expect(depth?.blendMode).not.toBe("normal");
  // The fake ComfyUI paints its depth map from the input's brightness (the photo brightens towards
  // the bottom right) and, without a strength, answers the depth map's negative as the result.
  expect(depth!.image!.grid[8]! - depth!.image!.grid[0]!).toBeGreaterThan(40);
  for (const [i, cell] of depth!.image!.grid.entries()) expect(Math.abs(result!.image!.grid[i]! - (255 - cell))).toBeLessThan(40);
  const above = layerAbove(after, photo);
  expect(above && addedLayers(before, after).some((l) => l.id === above.id)).toBe(true);

  // ComfyUI ran the workflow the panel asked for, on the pixels the panel cut out.
  expect(comfy.prompts).toHaveLength(1);
  expect(comfy.prompts[0]!.prompt[promptRoles(comfy.prompts[0]!.prompt).positive]!.inputs.text).toBe("ink drawing of a lighthouse");
  expect(comfy.uploads).toHaveLength(1);
  expect(comfy.uploads[0]!.bytes.length).toBeGreaterThan(1000);
});

test("while the gateway samples, the job row shows ComfyUI's preview as a thumbnail, gone once the result is in", async () => {
  comfy.set({ stepDelayMs: 150 });
  try {
    await setPrompt(s.panel, "pastel drawing of a lighthouse");
    await selectLayers(s.page, ["photo"]);
    await clickWhenEnabled(s.panel, TID.generate);
    const preview = s.panel.getByTestId(TID.samplerPreview).locator("img");
    await preview.waitFor({ state: "visible", timeout: 150_000 });
    expect(await preview.getAttribute("src")).toMatch(/^blob:/);
    // A decodable picture, not a broken image icon.
    await expect(preview.evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode())).resolves.toBeUndefined();
    // A new Generate replaces the rows, so this job is the only one.
    expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
    expect(await s.panel.getByTestId(TID.samplerPreview).count()).toBe(0);
  } finally {
    comfy.set({ stepDelayMs: 2 });
  }
});
