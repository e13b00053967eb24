/**
 * The host page: plays Express for one add-on. It builds the in-memory document, runs the
 * add-on's real document sandbox bundle against it, loads the real panel in a cross-origin
 * iframe, bridges runtime.exposeApi/apiProxy between them over postMessage, answers the UI
 * SDK's host calls (renditions, dialogs, clientStorage) and draws the document on a canvas.
 * Tests drive and read it through `window.harness` (see harness-api.ts).
 */
import { SceneSchema } from "../scene";
import { openClientStorage } from "./client-storage";
import { deferred } from "./deferred";
import type { DialogRecord } from "./dialogs";
import { createHostDocument } from "./document-factory";
import { serveComlink } from "../../fakes/express-bridge";
import { Endpoint } from "./endpoint";
import { setHarnessGlobals } from "./globals";
import type { HarnessApi, SandboxCallRecord } from "./harness-api";
import type { HostConfig } from "./host-config";
import { DEFAULT_RULES } from "../document-rules";
import { hostServices } from "./host-services";
import { iframeAllow, iframeSandbox } from "./iframe-policy";
import { attachInteraction, drawSelection } from "./interaction";
import { isMessage, type PanelInit } from "./protocol";
import { drawArtboard, drawNodeAlone, type RenderEnv } from "./renderer";
import { createSandboxSdk } from "./sandbox-runtime";
import { buildScene } from "./scene-builder";
import { snapshotDocument } from "./snapshot";
import { childrenOf, type ViewNode } from "./view-node";

const errors: string[] = [];
const errorBox = document.getElementById("errors") as HTMLElement;
const report = (what: string, error: unknown) => {
  const text = `${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  errors.push(text);
  errorBox.textContent = errors.join("\n");
};
window.addEventListener("error", (event) => report("host page error", event.error ?? event.message));
window.addEventListener("unhandledrejection", (event) => report("unhandled rejection", event.reason));

const config = JSON.parse(document.getElementById("harness-config")?.textContent ?? "{}") as HostConfig;
(document.getElementById("banner") as HTMLElement).textContent = config.banner;
const scene = SceneSchema.parse(await (await fetch("/__harness/scene.json")).json());
const doc = createHostDocument(scene.page, {
  experimentalApis: (config.manifest.requirements as { experimentalApis?: unknown } | undefined)?.experimentalApis === true,
  render: async (node, bounds, scale, format) => {
    const found = doc.findById?.(node.id);
    if (!found) throw new Error(`createRendition: node ${node.id} is not in the document`);
    return drawNodeAlone(found, env, bounds, scale, format);
  },
});
const storage = await openClientStorage(config.addOnId);
const dialogs: DialogRecord[] = [];
const sandboxCalls: SandboxCallRecord[] = [];
let theme = config.theme;
let locale = config.locale;

const decoded = new WeakMap<Blob, Promise<ImageBitmap>>();
const env: RenderEnv = {
  constants: doc.constants,
  rules: { ...DEFAULT_RULES },
  async bitmap(node) {
    const blob = await doc.bitmapBlob(node);
    if (!blob) return undefined;
    let bitmap = decoded.get(blob);
    if (!bitmap) decoded.set(blob, (bitmap = createImageBitmap(blob)));
    return bitmap;
  },
};

// ── drawing ────────────────────────────────────────────────────────────────────────────
const canvas = document.getElementById("document") as HTMLCanvasElement;
const selectionLabel = document.getElementById("selection-label") as HTMLElement;
let labels = new Map<string, string>();
let dirty = false;
let rendering: Promise<void> | undefined;
async function renderScreen(): Promise<void> {
  const page = doc.editor.context.currentPage;
  const artboard = page.artboards.toArray()[0];
  const ctx = canvas.getContext("2d");
  if (!artboard || !ctx) return;
  if (canvas.width !== page.width) canvas.width = page.width;
  if (canvas.height !== page.height) canvas.height = page.height;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  await drawArtboard(ctx, artboard, env);
  drawSelection(ctx, doc);
  const selected = doc.editor.context.selection.map((n) => labels.get(n.id) ?? `${n.type} ${n.id}`);
  selectionLabel.textContent = selected.length ? `selected: ${selected.join(", ")}` : "no selection";
}
function scheduleRender(): Promise<void> {
  dirty = true;
  rendering ??= (async () => {
    while (dirty) {
      dirty = false;
      await renderScreen().catch((error: unknown) => report("render", error));
    }
  })().finally(() => (rendering = undefined));
  return rendering;
}

// ── panel ⇄ host ⇄ sandbox ───────────────────────────────────────────────────────────────
const iframe = document.getElementById("panel") as HTMLIFrameElement;
let panelReady = deferred();
const sandboxExposed = deferred<unknown>();
const panelInit = (): PanelInit => ({
  theme,
  locale,
  locales: ["en-US", "fr-FR", "de-DE", "ja-JP"],
  format: locale,
  manifest: config.manifest,
  documentSandboxReady: sandboxExposed.settled,
});
const endpoint: Endpoint = new Endpoint(
  (message) => iframe.contentWindow?.postMessage(message, config.panelOrigin),
  (message) => {
    if (message.kind === "hello") {
      // A (re)loaded panel: calls to the previous one will never be answered.
      endpoint.dropPending("the panel was reloaded");
      if (panelReady.settled) panelReady = deferred();
      endpoint.send({ kind: "init", init: panelInit() });
    } else if (message.kind === "exposed" && message.runtime === "panel") {
      panelReady.resolve();
    }
  },
);
window.addEventListener("message", (event) => {
  if (event.source === iframe.contentWindow && event.origin === config.panelOrigin && isMessage(event.data)) endpoint.receive(event.data);
});
endpoint.serve("documentSandbox", async (path, args, op) => {
  const api = await sandboxExposed.promise;
  const record: SandboxCallRecord = { method: path.join("."), ok: false };
  sandboxCalls.push(record);
  doc.beginTurn();
  try {
    const value = await serveComlink(api, op, path, args);
    record.ok = true;
    return value;
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    void scheduleRender();
  }
});
const renditionMs: number[] = [];
const services = hostServices(doc, env, storage, dialogs, config.manifest, renditionMs);
endpoint.serve("host", (path, args) => services(path.join("."), args));

setHarnessGlobals({
  documentSdk: { editor: doc.editor, constants: doc.constants, colorUtils: doc.colorUtils, fonts: doc.fonts, viewport: doc.viewport },
  sandboxSdk: createSandboxSdk({
    onExpose(api) {
      sandboxExposed.resolve(api);
      endpoint.send({ kind: "exposed", runtime: "documentSandbox" });
    },
    panelReady: () => panelReady.promise,
    callPanel: (op, path, args) => endpoint.call("panel", path, args, op),
  }),
});

// ── start-up: document, then the add-on's sandbox and panel side by side (as in Express) ──
const started = (async () => {
  labels = await buildScene(doc, scene);
  doc.editor.context.on("selectionChange", () => void scheduleRender());
  attachInteraction(canvas, doc, () => void scheduleRender());
  iframe.setAttribute("sandbox", iframeSandbox(config.manifest));
  const allow = iframeAllow(config.manifest);
  if (allow) iframe.setAttribute("allow", allow);
  iframe.src = config.panelUrl;
  await import(/* @vite-ignore */ config.sandboxUrl).catch((error: unknown) => {
    report("the add-on's document sandbox (code.js) failed to load", error);
    throw error;
  });
  await scheduleRender();
})();

const themeBox = document.getElementById("theme-dark") as HTMLInputElement;
const isDark = (t: HostConfig["theme"]) => t === "dark" || t === "darkest";
themeBox.checked = isDark(theme);
const setTheme = (next: HostConfig["theme"]) => {
  theme = next;
  themeBox.checked = isDark(next);
  endpoint.send({ kind: "event", name: "themechange", data: { theme } });
};
themeBox.addEventListener("change", () => setTheme(themeBox.checked ? "dark" : "light"));

const byLabel = (labelOrId: string) => [...labels].find(([, label]) => label === labelOrId)?.[0] ?? labelOrId;
function topLevel(labelOrId: string) {
  const id = byLabel(labelOrId);
  const artboard = doc.editor.context.currentPage.artboards.toArray()[0];
  const all = artboard ? [...(artboard.children && "toArray" in artboard.children ? artboard.children.toArray() : [])] : [];
  const node = all.find((n) => n.id === id);
  if (!node) throw new Error(`no top-level layer ${id}`);
  return node;
}
const harness: HarnessApi = {
  ready: started,
  errors,
  renditionMs,
  sandboxCalls,
  snapshot: () => snapshotDocument(doc, labels),
  idOf(label) {
    const id = [...labels].find(([, l]) => l === label)?.[0];
    if (!id) throw new Error(`no layer labelled ${label}`);
    return id;
  },
  select(labelsOrIds) {
    doc.beginTurn();
    doc.editor.context.selection = labelsOrIds.map(topLevel);
    void scheduleRender();
  },
  remove(labelOrId) {
    doc.beginTurn();
    // Every node of the in-memory document has the SDK's removeFromParent; ViewNode only reads.
    (topLevel(labelOrId) as unknown as { removeFromParent(): void }).removeFromParent();
    void scheduleRender();
  },
  async reloadPanel() {
    const loaded = new Promise<void>((resolve) => iframe.addEventListener("load", () => resolve(), { once: true }));
    iframe.src = config.panelUrl;
    await loaded;
    await panelReady.promise;
  },
  panelReady: () => panelReady.promise,
  setTheme,
  setLocale(next) {
    locale = next;
    endpoint.send({ kind: "event", name: "localechange", data: { locale } });
  },
  dialogs: () => dialogs.map((d) => ({ variant: d.options.variant, title: d.options.title, description: "description" in d.options ? d.options.description : undefined, result: d.result })),
  storageKeys: () => storage.keys(),
  storageUsage: () => storage.usage(),
  rendered: () => scheduleRender(),
  setDocumentRules(rules) {
    env.rules = { ...DEFAULT_RULES, ...env.rules, ...rules };
  },
  addText(text, at) {
    doc.beginTurn();
    const node = doc.editor.createText(text);
    if (at.size) node.fontSize = at.size;
    if (at.color) node.fill = doc.editor.makeColorFill(doc.colorUtils.fromHex(at.color));
    doc.editor.context.insertionParent.children.append(node);
    node.translation = { x: at.x, y: at.y };
    labels.set(node.id, text);
    void scheduleRender();
    return node.id;
  },
  placeAbove(labelOrId, targetId) {
    doc.beginTurn();
    const find = (id: string, from: ViewNode): ViewNode | undefined => (from.id === id ? from : childrenOf(from).map((c) => find(id, c)).find(Boolean));
    const artboard = doc.editor.context.currentPage.artboards.toArray()[0];
    const node = artboard && find(byLabel(labelOrId), artboard);
    const target = artboard && find(targetId, artboard);
    const list = target?.parent?.children as { insertAfter?(item: ViewNode, after: ViewNode): void } | undefined;
    if (!node || !target || !list?.insertAfter) throw new Error(`cannot place ${labelOrId} above ${targetId}`);
    // The SDK moves a node that already has a parent when it is inserted elsewhere.
    list.insertAfter(node, target);
    void scheduleRender();
  },
  async pixel(x, y) {
    await scheduleRender();
    return [...(canvas.getContext("2d")?.getImageData(x, y, 1, 1).data ?? [])];
  },
};
(window as unknown as { harness: HarnessApi }).harness = harness;
