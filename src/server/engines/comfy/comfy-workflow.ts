import type { NodeInput, Workflow } from "./workflow-schema";

/**
 * One output of a node, typed by what ComfyUI says it carries: a link can only go where that type
 * is expected, so a wrong slot is a compile error instead of a ComfyUI validation failure.
 */
export interface Output<T extends string> {
  readonly node: string;
  readonly slot: number;
  readonly type: T;
}
export type Model = Output<"MODEL">;
export type Clip = Output<"CLIP">;
export type Vae = Output<"VAE">;
export type Conditioning = Output<"CONDITIONING">;
export type ControlNet = Output<"CONTROL_NET">;
export type Image = Output<"IMAGE">;
export type Latent = Output<"LATENT">;

type Value = string | number | boolean | Output<string>;

/**
 * Builds a ComfyUI API-format prompt node by node (after Krita AI Diffusion's ComfyWorkflow): each
 * method adds one node and returns handles on its outputs; ids are numbered in the order nodes are
 * added, so the same calls build the same prompt.
 */
export class ComfyWorkflow {
  readonly prompt: Workflow = {};
  private nextId = 1;

  /** Adds a node and returns its id; `undefined` inputs are left out (optional inputs an install lacks). */
  add(classType: string, inputs: Record<string, Value | undefined>): string {
    const id = String(this.nextId++);
    const wired: Record<string, NodeInput> = {};
    for (const [name, value] of Object.entries(inputs))
      if (value !== undefined) wired[name] = typeof value === "object" ? [value.node, value.slot] : value;
    this.prompt[id] = { class_type: classType, inputs: wired };
    return id;
  }

  private output<T extends string>(node: string, slot: number, type: T): Output<T> {
    return { node, slot, type };
  }

  loadCheckpoint(ckptName: string): { model: Model; clip: Clip; vae: Vae } {
    const id = this.add("CheckpointLoaderSimple", { ckpt_name: ckptName });
    return { model: this.output(id, 0, "MODEL"), clip: this.output(id, 1, "CLIP"), vae: this.output(id, 2, "VAE") };
  }

  encodeText(clip: Clip, text: string): Conditioning {
    return this.output(this.add("CLIPTextEncode", { text, clip }), 0, "CONDITIONING");
  }

  loadImage(name: string): Image {
    return this.output(this.add("LoadImage", { image: name }), 0, "IMAGE");
  }

  scaleImage(image: Image, width: number, height: number, method: "lanczos" | "bilinear"): Image {
    return this.output(this.add("ImageScale", { image, upscale_method: method, width, height, crop: "disabled" }), 0, "IMAGE");
  }

  /** A node that takes an image and answers one image (a depth preprocessor), with its own widget inputs. */
  imageToImage(classType: string, image: Image, widgets: Record<string, string | number>): Image {
    return this.output(this.add(classType, { image, ...widgets }), 0, "IMAGE");
  }

  loadControlNet(name: string): ControlNet {
    return this.output(this.add("ControlNetLoader", { control_net_name: name }), 0, "CONTROL_NET");
  }

  applyControlNet(input: { positive: Conditioning; negative: Conditioning; controlNet: ControlNet; image: Image; strength: number; vae?: Vae }): {
    positive: Conditioning;
    negative: Conditioning;
  } {
    const { positive, negative, controlNet, image, strength, vae } = input;
    const id = this.add("ControlNetApplyAdvanced", { positive, negative, control_net: controlNet, image, strength, start_percent: 0, end_percent: 1, vae });
    return { positive: this.output(id, 0, "CONDITIONING"), negative: this.output(id, 1, "CONDITIONING") };
  }

  encodeImage(vae: Vae, pixels: Image): Latent {
    return this.output(this.add("VAEEncode", { pixels, vae }), 0, "LATENT");
  }

  repeatLatent(samples: Latent, amount: number): Latent {
    return this.output(this.add("RepeatLatentBatch", { samples, amount }), 0, "LATENT");
  }

  emptyLatent(width: number, height: number, batchSize: number): Latent {
    return this.output(this.add("EmptyLatentImage", { width, height, batch_size: batchSize }), 0, "LATENT");
  }

  sample(input: {
    model: Model;
    positive: Conditioning;
    negative: Conditioning;
    latent: Latent;
    seed: number;
    steps: number;
    cfg: number;
    samplerName: string;
    scheduler: string;
    denoise: number;
  }): Latent {
    const { model, seed, steps, cfg, samplerName, scheduler, positive, negative, latent, denoise } = input;
    const id = this.add("KSampler", { model, seed, steps, cfg, sampler_name: samplerName, scheduler, positive, negative, latent_image: latent, denoise });
    return this.output(id, 0, "LATENT");
  }

  decode(vae: Vae, samples: Latent): Image {
    return this.output(this.add("VAEDecode", { samples, vae }), 0, "IMAGE");
  }

  /** Returns the SaveImage node's id: its outputs are read from /history, not linked. */
  save(images: Image, filenamePrefix: string): string {
    return this.add("SaveImage", { images, filename_prefix: filenamePrefix });
  }
}
