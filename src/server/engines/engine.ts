import type { ResolvedSettings } from "../../shared/settings";
import type { EncodedImage } from "../../core/backends/types";

/** One job as an engine sees it: the input image and fully resolved settings. */
export interface EngineJob {
  id: string;
  image: EncodedImage;
  settings: ResolvedSettings;
  wantDepth: boolean;
  /** The caller's own depth map, used as the control image instead of the preprocessor. */
  controlImage?: EncodedImage;
}

export type EngineEvent =
  | { type: "started" }
  | { type: "progress"; step: number; max: number }
  | { type: "depth" };

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
