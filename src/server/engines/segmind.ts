import { createSegmindBackend, type SegmindBackendOptions } from "../../core/backends/segmind";
import { SEGMIND_BASE_URL } from "../../shared/segmind-body";
import type { Backend } from "../../core/backends/types";
import { DepthRestyleError } from "../../core/errors";
import type { Engine, EngineStatus } from "./engine";

export interface SegmindEngineOptions {
  id?: string;
  /** Tests pass a Backend directly; otherwise one is made from `segmind` (the server-held key). */
  backend?: Backend;
  segmind?: SegmindBackendOptions;
}

/**
 * Jobs passed on to Segmind's SSD-1B Depth with the gateway's own key, so the key stays on the
 * server and never reaches a browser. Segmind returns no depth map, so none is reported.
 */
export function createSegmindEngine(options: SegmindEngineOptions): Engine {
  const backend = options.backend ?? createSegmindBackend(options.segmind ?? { apiKey: "" });
  const id = options.id ?? "segmind";
  const url = options.segmind?.baseUrl ?? SEGMIND_BASE_URL;
  let busy = 0;
  return {
    id,
    kind: "segmind",
    get busy() {
      return busy;
    },
    async run(job, { signal, onEvent }) {
      busy++;
      try {
        onEvent({ type: "started" });
        const { images } = await backend.generate(
          // Segmind's body carries the image as base64 whatever its type; the field is informational.
          { image: job.image.bytes, mimeType: job.image.mimeType === "image/png" ? "image/png" : "image/jpeg", settings: job.settings, wantDepth: false },
          {
            signal,
            onProgress: (progress) => {
              if (progress.stage === "running" && progress.step !== undefined && progress.maxSteps) onEvent({ type: "progress", step: progress.step, max: progress.maxSteps });
            },
          },
        );
        return { images };
      } finally {
        busy--;
      }
    },
    async status(signal): Promise<EngineStatus> {
      const base: EngineStatus = { id, kind: "segmind", url, reachable: false, missingNodes: [], missingModels: [] };
      try {
        const info = await backend.testConnection(signal);
        return { ...base, reachable: true, versions: { segmind: info.summary } };
      } catch (error) {
        const problem = error instanceof DepthRestyleError ? error.message : `Segmind could not be checked: ${String(error)}`;
        return { ...base, reachable: error instanceof DepthRestyleError && error.code !== "network" && error.code !== "timeout", problem };
      }
    },
    async close() {},
  };
}
