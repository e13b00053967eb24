import type { HistoryStore } from "../history/types";
import type { SelectionFeed } from "../host/selection-feed";
import type { PanelHost } from "../host/types";
import type { ImageOps } from "../image/types";
import type { DepthService } from "../depth-bridge";
import type { DecodeGray } from "../pipeline/preview";
import type { PipelineDeps } from "../pipeline/types";

/** Everything the panel uses from the outside world, handed in by index.tsx (or a test harness). */
export interface AppDeps {
  host: PanelHost;
  feed: SelectionFeed;
  images: ImageOps;
  history: HistoryStore;
  fetch: typeof fetch;
  renderPage: PipelineDeps["renderPage"];
  nodeRenditions?: boolean;
  /** The in-panel depth estimator for a model URL (the panel makes one per URL the user sets). */
  depth?: (modelUrl: string) => DepthService;
  defaultDepthModelUrl: string;
  /** Reads a greyscale PNG's pixels (the depth editor's live thumbnail). */
  decodeGray: DecodeGray;
  now: () => number;
  newId: () => string;
  random: () => number;
}
