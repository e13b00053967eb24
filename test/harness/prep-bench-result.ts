/** What the browser side of bench/panel.bench.ts returns (browser/prep-bench.ts). */
export interface PhaseResult {
  ms: number[];
  wireBytes: number;
  longTasks: number;
  longTaskMs: number;
}

export interface PrepBenchResult {
  side: number;
  modelSize: { width: number; height: number };
  panel: PhaseResult;
  naive: PhaseResult;
  /** The former panel path: page decoded and cropped on the main thread, the bitmap handed to a worker. */
  crop: PhaseResult;
}
