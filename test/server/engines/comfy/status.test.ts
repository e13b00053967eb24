import type { Engine } from "../../../../src/server/engines/engine";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { engineFor, useFakeComfyEngine } from "./helpers";

describe("ComfyUI engine status()", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({ comfyuiVersion: "v0.3.41" }, (f, e) => ((fake = f), (engine = e)));

  it("reports versions and VRAM from /system_stats and nothing missing on a complete install", async () => {
    const status = await engine.status();
    expect(status).toEqual({
      id: "gpu0",
      kind: "comfyui",
      url: fake.url,
      reachable: true,
      versions: { comfyui: "v0.3.41", python: "3.12.3", pytorch: "2.7.0+cu126" },
      devices: [{ name: "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync", vramTotal: 25393692672, vramFree: 23150540800 }],
      missingNodes: [],
      missingModels: [],
    });
  });

  it("names missing model files from the loaders' lists in /object_info", async () => {
    fake.set({ checkpoints: ["sd_xl_base_1.0.safetensors"], controlnets: [] });
    const status = await engine.status();
    expect(status.reachable).toBe(true);
    expect(status.missingModels).toEqual(["SSD-1B.safetensors", "controlnet-depth-sdxl-1.0.safetensors"]);
    expect(status.problem).toMatch(/ComfyUI\/models\/checkpoints.*ComfyUI\/models\/controlnet/);
  });

  it("names missing nodes, with how to install them", async () => {
    fake.set({ missingNodes: ["DepthAnythingV2Preprocessor", "RepeatLatentBatch"] });
    const status = await engine.status();
    expect(status.missingNodes).toEqual(["RepeatLatentBatch", "DepthAnythingV2Preprocessor"]);
    expect(status.problem).toMatch(/comfyui_controlnet_aux/);
    expect(status.problem).toMatch(/update ComfyUI/);
  });

  it("checks the preprocessor that is configured", async () => {
    const midas = engineFor(fake.url, { models: { checkpoint: "SSD-1B.safetensors", controlnet: "controlnet-depth-sdxl-1.0.safetensors", preprocessor: "MiDaS-DepthMapPreprocessor" } });
    fake.set({ missingNodes: ["MiDaS-DepthMapPreprocessor"] });
    expect((await midas.status()).missingNodes).toEqual(["MiDaS-DepthMapPreprocessor"]);
    fake.set({ missingNodes: ["DepthAnythingV2Preprocessor"] });
    expect((await midas.status()).missingNodes).toEqual([]);
    await midas.close();
  });

  it("is unreachable, with the fix, when nothing listens", async () => {
    await fake.close();
    const status = await engine.status();
    expect(status.reachable).toBe(false);
    expect(status.problem).toMatch(/Start ComfyUI .* or fix the --comfy URL/);
  });

  it("rejects a bad configuration when the engine is created", () => {
    expect(() => engineFor("not a url")).toThrow(/not a URL/);
    expect(() => engineFor(fake.url, { models: { checkpoint: "a", controlnet: "b", preprocessor: "Zoe" } })).toThrow(/preprocessor must be one of/);
  });
});
