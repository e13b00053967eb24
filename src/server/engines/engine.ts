import type { ResolvedSettings } from "../../shared/settings";
import type { EncodedImage } from "../../core/backends/types";

/** An input ready for an engine: upright, one frame, at the render size (see jobs/input-image.ts). */
export interface RenderImage extends EncodedImage {
  mimeType: "image/jpeg" | "image/png";
  width: number;
  height: number;
}

/** One job as an engine sees it: the prepared input image and fully resolved settings. */
export interface EngineJob {
  id: string;
  image: RenderImage;
  settings: ResolvedSettings;
  wantDepth: boolean;
  /** The caller's own depth map, used as the control image instead of the preprocessor. */
  controlImage?: EncodedImage;
}

export type EngineEvent =
  | { type: "started" }
  /** The engine is loading model weights (a first run, or after a model change): long and quiet. */
  | { type: "loading" }
  | { type: "progress"; step: number; max: number }
  /** The sampler's latest preview of the image it is making. */
  | { type: "preview"; image: EncodedImage }
  | { type: "depth" }
  /** The engine heard from its worker: resets the silence timeout, shows nothing. */
  | { type: "alive" };

export interface EngineOutput {
  images: EncodedImage[];
  depthMap?: EncodedImage;
}

export interface EngineStatus {
  id: string;
  kind: "comfyui" | "segmind";
  url?: string;
  reachable: boolean;
  versions?: Record<string, string>;
  devices?: { name: string; vramTotal?: number; vramFree?: number }[];
  missingNodes: string[];
  missingModels: string[];
  /** Why it is unreachable or unusable, phrased as what to do. */
  problem?: string;
}

/** A worker that runs jobs: a ComfyUI instance or the Segmind passthrough. */
export interface Engine {
  readonly id: string;
  readonly kind: EngineStatus["kind"];
  /** Jobs currently running on this engine; the scheduler picks the least busy reachable one. */
  readonly busy: number;
  run(job: EngineJob, options: { signal: AbortSignal; onEvent: (event: EngineEvent) => void }): Promise<EngineOutput>;
  status(signal?: AbortSignal): Promise<EngineStatus>;
  close(): Promise<void>;
}
