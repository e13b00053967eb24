import { buildDepthWorkflow, MIN_DENOISE } from "../../../../src/server/engines/comfy/workflow";
import { WorkflowSchema, type ComfyModels, type Workflow } from "../../../../src/server/engines/comfy/workflow-schema";
import { COMFY_SAMPLERS } from "../../../../src/server/engines/comfy/schedulers";
import { SCHEDULERS } from "../../../../src/shared/settings";
import { SAMPLER_NAMES, SCHEDULER_NAMES } from "../../../fakes/comfyui/object-info";
import { settings } from "./helpers";
import { promptRoles } from "./prompt-roles";

const models: ComfyModels = { checkpoint: "SSD-1B.safetensors", controlnet: "depth-xl.safetensors", preprocessor: "DepthAnythingV2Preprocessor" };
const build = (over: Parameters<typeof settings>[0] = {}, wantDepth = true) =>
  buildDepthWorkflow({ settings: settings(over), inputImageName: "in.png", models, wantDepth, width: 1024, height: 768 });
const byClass = (prompt: Workflow, cls: string) => Object.entries(prompt).filter(([, n]) => n.class_type === cls);
const only = (prompt: Workflow, cls: string) => {
  const found = byClass(prompt, cls);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("buildDepthWorkflow", () => {
  it("puts every setting into the node input ComfyUI reads it from", () => {
    const { prompt } = build({ prompt: "oil painting", negativePrompt: "blurry", steps: 37, guidanceScale: 9.5, seed: 42, controlScale: 0.8, scheduler: "DPM2 a Karras", samples: 3 });
    expect(WorkflowSchema.parse(prompt)).toEqual(prompt);
    const [, sampler] = only(prompt, "KSampler");
    expect(sampler.inputs).toMatchObject({ seed: 42, steps: 37, cfg: 9.5, sampler_name: "dpm_2_ancestral", scheduler: "karras", denoise: 1 });
    const [, apply] = only(prompt, "ControlNetApplyAdvanced");
    const [checkpointId] = only(prompt, "CheckpointLoaderSimple");
    expect(apply.inputs).toMatchObject({ strength: 0.8, start_percent: 0, end_percent: 1, vae: [checkpointId, 2] });
    expect(only(prompt, "CheckpointLoaderSimple")[1].inputs).toEqual({ ckpt_name: "SSD-1B.safetensors" });
    expect(only(prompt, "ControlNetLoader")[1].inputs).toEqual({ control_net_name: "depth-xl.safetensors" });
    expect(only(prompt, "LoadImage")[1].inputs).toEqual({ image: "in.png" });
    expect(only(prompt, "EmptyLatentImage")[1].inputs).toEqual({ width: 1024, height: 768, batch_size: 3 });
  });

  it("wires the prompt into the positive and the negative prompt into the negative conditioning", () => {
    const { prompt } = build({ prompt: "oil painting", negativePrompt: "blurry" });
    const apply = only(prompt, "ControlNetApplyAdvanced")[1].inputs;
    const text = (link: unknown) => prompt[(link as [string, number])[0]]!.inputs["text"];
    expect(text(apply["positive"])).toBe("oil painting");
    expect(text(apply["negative"])).toBe("blurry");
    const sampler = only(prompt, "KSampler")[1].inputs;
    const [applyId] = only(prompt, "ControlNetApplyAdvanced");
    expect(sampler["positive"]).toEqual([applyId, 0]);
    expect(sampler["negative"]).toEqual([applyId, 1]);
  });

  it("img2img below strength 1: VAEEncode of the scaled input, repeated per sample, denoise = strength", () => {
    const { prompt } = build({ strength: 0.55, samples: 4 });
    expect(byClass(prompt, "EmptyLatentImage")).toHaveLength(0);
    const [encodeId, encode] = only(prompt, "VAEEncode");
    expect(encode.inputs["pixels"]).toEqual([promptRoles(prompt).scale, 0]);
    const [batchId, batch] = only(prompt, "RepeatLatentBatch");
    expect(batch.inputs).toEqual({ samples: [encodeId, 0], amount: 4 });
    expect(only(prompt, "KSampler")[1].inputs).toMatchObject({ latent_image: [batchId, 0], denoise: 0.55 });
  });

  it("strength 1 or unset samples from an empty latent at denoise 1", () => {
    for (const strength of [undefined, 1]) {
      const { prompt } = build(strength === undefined ? {} : { strength });
      expect(byClass(prompt, "VAEEncode")).toHaveLength(0);
      const [latentId] = only(prompt, "EmptyLatentImage");
      expect(only(prompt, "KSampler")[1].inputs).toMatchObject({ latent_image: [latentId, 0], denoise: 1 });
    }
  });

  it("scales the preprocessor's output to the render size, feeds that to the ControlNet and saves it as the depth map only when asked", () => {
    const withDepth = build({}, true);
    const r = promptRoles(withDepth.prompt);
    const [prepId, prep] = only(withDepth.prompt, "DepthAnythingV2Preprocessor");
    expect(prep.inputs).toEqual({ image: [r.scale, 0], resolution: 768, ckpt_name: "depth_anything_v2_vitl.pth" });
    const depthScale = withDepth.prompt[r.depthImage]!;
    expect(depthScale).toEqual({ class_type: "ImageScale", inputs: { image: [prepId, 0], upscale_method: "bilinear", width: 1024, height: 768, crop: "disabled" } });
    const saves = byClass(withDepth.prompt, "SaveImage");
    expect(saves.map(([, n]) => n.inputs["images"])).toEqual(expect.arrayContaining([[r.depthImage, 0], [r.decode, 0]]));
    expect(withDepth.prompt[r.decode]!.inputs).toEqual({ samples: [r.sampler, 0], vae: [r.checkpoint, 2] });
    expect(withDepth.nodes).toEqual({
      result: r.resultSave,
      depth: r.depthSave,
      sampler: r.sampler,
      preprocessor: prepId,
      loaders: [r.checkpoint, r.controlnetLoader, prepId],
    });

    const without = build({}, false);
    expect(byClass(without.prompt, "SaveImage")).toHaveLength(1);
    expect(without.nodes.depth).toBeUndefined();
  });

  it("scales the input to the output size and uses MiDaS' own inputs when configured", () => {
    const { prompt } = buildDepthWorkflow({ settings: settings(), inputImageName: "x.jpg", models: { ...models, preprocessor: "MiDaS-DepthMapPreprocessor" }, wantDepth: false, width: 640, height: 960 });
    const [loadId] = only(prompt, "LoadImage");
    const r = promptRoles(prompt);
    expect(prompt[r.scale]!.inputs).toEqual({ image: [loadId, 0], upscale_method: "lanczos", width: 640, height: 960, crop: "disabled" });
    expect(only(prompt, "MiDaS-DepthMapPreprocessor")[1].inputs).toEqual({ image: [r.scale, 0], resolution: 640, a: Math.PI * 2, bg_threshold: 0.1 });
  });

  it("links only to nodes that exist, at output slots those nodes have", () => {
    const outputs: Record<string, number> = { CheckpointLoaderSimple: 3, LoadImage: 2, ControlNetApplyAdvanced: 2 };
    for (const strength of [0.3, 1]) {
      const { prompt } = build({ strength });
      for (const node of Object.values(prompt))
        for (const value of Object.values(node.inputs))
          if (Array.isArray(value)) {
            const source = prompt[value[0]];
            expect(source).toBeDefined();
            expect(value[1]).toBeLessThan(outputs[source!.class_type] ?? 1);
          }
    }
  });

  it("never sends denoise 0: strength 0 becomes KSampler's smallest step", () => {
    expect(only(build({ strength: 0 }).prompt, "KSampler")[1].inputs["denoise"]).toBe(MIN_DENOISE);
  });

  it("uses the sampler and the optional ControlNet vae input only as the install's features say", () => {
    const features = { sampler: { sampler_name: "lms", scheduler: "normal" }, controlNetVae: false };
    const { prompt } = buildDepthWorkflow({ settings: settings({ scheduler: "PNDM" }), inputImageName: "in.png", models, wantDepth: false, width: 1024, height: 768, features });
    expect(only(prompt, "KSampler")[1].inputs).toMatchObject({ sampler_name: "lms", scheduler: "normal" });
    expect(only(prompt, "ControlNetApplyAdvanced")[1].inputs).not.toHaveProperty("vae");
  });

  it("is pure: the same input builds the same prompt", () => {
    expect(build({ seed: 7 })).toEqual(build({ seed: 7 }));
  });
});

describe("scheduler table", () => {
  it("maps every Segmind scheduler to a sampler and scheduler ComfyUI's KSampler offers", () => {
    expect(Object.keys(COMFY_SAMPLERS).sort()).toEqual([...SCHEDULERS].sort());
    for (const name of SCHEDULERS) {
      expect(SAMPLER_NAMES).toContain(COMFY_SAMPLERS[name].sampler_name);
      expect(SCHEDULER_NAMES).toContain(COMFY_SAMPLERS[name].scheduler);
    }
  });

  it("keeps distinct Segmind schedulers distinct in ComfyUI", () => {
    const pairs = SCHEDULERS.map((s) => `${COMFY_SAMPLERS[s].sampler_name}/${COMFY_SAMPLERS[s].scheduler}`);
    expect(new Set(pairs).size).toBe(SCHEDULERS.length);
  });
});

describe("buildDepthWorkflow with your own depth map", () => {
  const withControl = (wantDepth: boolean) =>
    buildDepthWorkflow({ settings: settings({}), inputImageName: "in.png", controlImageName: "mine.png", models, wantDepth, width: 1024, height: 768 });

  it("feeds the uploaded map, scaled to the render size, to the ControlNet and runs no preprocessor", () => {
    const { prompt, nodes } = withControl(false);
    expect(WorkflowSchema.parse(prompt)).toEqual(prompt);
    expect(byClass(prompt, "DepthAnythingV2Preprocessor")).toHaveLength(0);
    const loads = byClass(prompt, "LoadImage").map(([, n]) => n.inputs["image"]);
    expect(loads.sort()).toEqual(["in.png", "mine.png"]);
    const [controlLoadId] = byClass(prompt, "LoadImage").find(([, n]) => n.inputs["image"] === "mine.png")!;
    const [controlScaleId, scale] = byClass(prompt, "ImageScale").find(([, n]) => JSON.stringify(n.inputs["image"]) === JSON.stringify([controlLoadId, 0]))!;
    expect(scale.inputs).toMatchObject({ image: [controlLoadId, 0], width: 1024, height: 768 });
    expect(only(prompt, "ControlNetApplyAdvanced")[1].inputs["image"]).toEqual([controlScaleId, 0]);
    expect(nodes.preprocessor).toBe(controlScaleId);
  });

  it("returns the map it followed as the depth output", () => {
    const { prompt, nodes } = withControl(true);
    const [controlLoadId] = byClass(prompt, "LoadImage").find(([, n]) => n.inputs["image"] === "mine.png")!;
    const r = promptRoles(prompt);
    expect(prompt[r.depthImage]!.inputs["image"]).toEqual([controlLoadId, 0]);
    expect(prompt[nodes.depth!]!.inputs["images"]).toEqual([r.depthImage, 0]);
  });
});
