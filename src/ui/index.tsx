import "@spectrum-web-components/theme/express/scale-medium.js";
import "@spectrum-web-components/theme/express/theme-light.js";
import "@spectrum-web-components/theme/express/theme-dark.js";
import addOnUISdk from "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { ErrorBoundary } from "./components/ErrorBoundary";
import type { AppDeps } from "./components/deps";
import { createIdbHistory, openHistoryDb } from "./history/idb-store";
import { createMemoryHistory } from "./history/memory-store";
import type { HistoryStore } from "./history/types";
import { createExpressHost } from "./host/express-host";
import { createSelectionFeed } from "./host/selection-feed";
import { createImageWorkerOps } from "./image/client";
import { decodeGrayOnCanvas } from "./image/decode-gray";
import { DEFAULT_DEPTH_MODEL_URL, createDepthEstimator } from "./depth";
import { depthService } from "./depth-bridge";
import { EXPERIMENTAL_APIS } from "../shared/build-flags";
import "./styles.css";

/** IndexedDB when the browser allows it in this iframe; otherwise history lasts one session. */
async function openHistory(): Promise<HistoryStore> {
  try {
    return createIdbHistory(await openHistoryDb());
  } catch (error) {
    console.warn("History falls back to memory: IndexedDB is not available.", error);
    return createMemoryHistory();
  }
}

async function main(): Promise<void> {
  await addOnUISdk.ready;
  const host = createExpressHost(addOnUISdk);
  const feed = createSelectionFeed((message) => console.warn("Ignored an invalid selection from the sandbox:", message));
  // exposeApi may be called once, and before the sandbox first pushes a selection.
  host.exposePanelApi(feed.api);
  const deps: AppDeps = {
    host,
    feed,
    images: createImageWorkerOps(),
    history: await openHistory(),
    fetch: (input, init) => globalThis.fetch(input, init),
    renderPage: (intent) => host.renderCurrentPage(intent),
    nodeRenditions: EXPERIMENTAL_APIS,
    depth: (modelUrl) => depthService(createDepthEstimator({ modelUrl }), (input) => createImageBitmap(new Blob([input.bytes], { type: input.mimeType }))),
    defaultDepthModelUrl: DEFAULT_DEPTH_MODEL_URL,
    decodeGray: decodeGrayOnCanvas,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    random: () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32,
  };
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(
    <ErrorBoundary>
      <App deps={deps} />
    </ErrorBoundary>,
  );
}

void main();
