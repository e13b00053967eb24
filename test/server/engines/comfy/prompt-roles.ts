import type { Workflow } from "../../../../src/server/engines/comfy/workflow-schema";

type Prompt = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

/** The nodes of a depth-restyle prompt by role, found by following its links from the one KSampler (ids are the builder's business). */
export interface PromptRoles {
  sampler: string;
  controlnetApply: string;
  positive: string;
  negative: string;
  checkpoint: string;
  controlnetLoader: string;
  /** What the sampler starts from: RepeatLatentBatch (img2img) or EmptyLatentImage. */
  latent: string;
  /** The image the ControlNet follows: the scaled preprocessor output, or your own map scaled. */
  depthImage: string;
  /** The node below `depthImage`: the preprocessor, or the LoadImage of your own map. */
  depthSource: string;
  /** The input image scaled to the render size. */
  scale: string;
  loadImage: string;
  decode: string;
  resultSave: string;
  depthSave?: string;
}

function linked(prompt: Prompt, id: string, input: string, slot = 0): string {
  const value = prompt[id]?.inputs[input];
  if (!Array.isArray(value) || typeof value[0] !== "string" || !prompt[value[0]]) throw new Error(`node ${id} input ${input} is not a link to a node of the prompt`);
  if (value[1] !== slot) throw new Error(`node ${id} input ${input} reads output ${String(value[1])}, expected ${slot}`);
  return value[0];
}

const only = (ids: string[], what: string): string => {
  if (ids.length !== 1) throw new Error(`expected one ${what}, found ${ids.length}`);
  return ids[0]!;
};

export function promptRoles(workflow: Workflow | Prompt): PromptRoles {
  const prompt = workflow as Prompt;
  const ids = Object.keys(prompt);
  const where = (cls: string, input: string, source: string) =>
    ids.filter((id) => prompt[id]!.class_type === cls && JSON.stringify(prompt[id]!.inputs[input]) === JSON.stringify([source, 0]));
  const sampler = only(ids.filter((id) => prompt[id]!.class_type === "KSampler"), "KSampler");
  const controlnetApply = linked(prompt, sampler, "positive", 0);
  if (linked(prompt, sampler, "negative", 1) !== controlnetApply) throw new Error("the sampler's conditionings come from different nodes");
  const depthImage = linked(prompt, controlnetApply, "image");
  const depthSource = linked(prompt, depthImage, "image");
  const decode = only(where("VAEDecode", "samples", sampler), "VAEDecode of the sampler");
  const scale = only(
    ids.filter((id) => id !== depthImage && prompt[id]!.class_type === "ImageScale"),
    "ImageScale of the input",
  );
  const depthSave = where("SaveImage", "images", depthImage);
  return {
    sampler,
    controlnetApply,
    positive: linked(prompt, controlnetApply, "positive"),
    negative: linked(prompt, controlnetApply, "negative"),
    checkpoint: linked(prompt, sampler, "model"),
    controlnetLoader: linked(prompt, controlnetApply, "control_net"),
    latent: linked(prompt, sampler, "latent_image"),
    depthImage,
    depthSource,
    scale,
    loadImage: linked(prompt, scale, "image"),
    decode,
    resultSave: only(where("SaveImage", "images", decode), "SaveImage of the result"),
    ...(depthSave.length ? { depthSave: only(depthSave, "SaveImage of the depth map") } : {}),
  };
}
