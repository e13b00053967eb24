import type { HistoryStore } from "../history/types";
import type { SelectionFeed } from "../host/selection-feed";
import type { PanelHost } from "../host/types";
import type { ImageOps } from "../image/client";
import type { EstimateDepth, PageImage } from "../pipeline/types";

/** Everything the panel uses from the outside world, handed in by index.tsx (or a test harness). */
export interface AppDeps {
  host: PanelHost;
  feed: SelectionFeed;
  images: ImageOps;
  history: HistoryStore;
  fetch: typeof fetch;
  renderPage: () => Promise<PageImage>;
  estimateDepth?: EstimateDepth;
  now: () => number;
  newId: () => string;
  random: () => number;
}
