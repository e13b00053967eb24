import type { PageRendition, RenditionIntent, RenditionOptions } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import { DEFAULT_RULES, type DocumentRules } from "../document-rules";
import type { openClientStorage } from "./client-storage";
import { showHostDialog, type DialogOptions, type DialogRecord } from "./dialogs";
import type { HostDocument } from "./host-document";
import { drawArtboard, type RenderEnv } from "./renderer";

type Storage = Awaited<ReturnType<typeof openClientStorage>>;

/** Express's checks before a page rendition (see ../document-rules.ts for the sources). */
function checkRendition(rules: DocumentRules, manifest: Record<string, unknown>, intent: RenditionIntent | undefined, dialogs: DialogRecord[]): void {
  const requirements = (manifest.requirements ?? {}) as { renditionPreview?: unknown };
  if (intent === "preview") {
    if (requirements.renditionPreview !== true) throw new Error('createRenditions: the preview intent needs "renditionPreview": true under requirements in manifest.json');
    return;
  }
  if (!rules.exportAllowed) {
    void showHostDialog({ variant: "error", title: "Request approval", description: "Get approval from your viewers before sharing this file." } as DialogOptions, dialogs);
    throw new Error("createRenditions: export is not allowed until the document is approved");
  }
  if (rules.premiumContent && !rules.premiumUser) throw new Error("USER_NOT_ENTITLED_TO_PREMIUM_CONTENT");
}

/** Renders the current page to an image blob, as app.document.createRenditions does. */
export async function renderPage(doc: HostDocument, env: RenderEnv, options: RenditionOptions): Promise<PageRendition[]> {
  if (options.range === "specificPages" && !options.pageIds?.length) throw new Error("createRenditions: range specificPages needs pageIds");
  if (options.format !== "image/png" && options.format !== "image/jpeg") throw new Error(`createRenditions: the harness renders image/png and image/jpeg only, not ${options.format}`);
  const page = doc.editor.context.currentPage;
  const artboard = page.artboards.toArray()[0];
  if (!artboard) throw new Error("the page has no artboard");
  const canvas = new OffscreenCanvas(page.width, page.height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context");
  await drawArtboard(ctx, artboard, env);
  const blob = await canvas.convertToBlob({ type: options.format, quality: 0.92 });
  const title = page.name ?? "Page 1";
  return [
    {
      type: "page" as PageRendition["type"],
      blob,
      title,
      metadata: {
        id: page.id,
        title,
        size: { width: page.width, height: page.height },
        hasPremiumContent: env.rules?.premiumContent ?? false,
        hasTemporalContent: false,
        hasAudioContent: false,
        hasVideoContent: false,
        hasAnimatedContent: false,
        sizeInUnits: { width: page.width, height: page.height, unit: "px" as PageRendition["metadata"]["sizeInUnits"]["unit"] },
        pixelsPerInch: 72,
      },
    },
  ];
}

/** The "host" side of the SDK: what Express itself answers for the panel. */
export function hostServices(doc: HostDocument, env: RenderEnv, storage: Storage, dialogs: DialogRecord[], manifest: Record<string, unknown>, renditionMs: number[]) {
  return async (method: string, args: unknown[]): Promise<unknown> => {
    const [a, b] = args;
    const rules = env.rules ?? DEFAULT_RULES;
    switch (method) {
      case "createRenditions": {
        checkRendition(rules, manifest, b as RenditionIntent | undefined, dialogs);
        const started = performance.now();
        const pages = await renderPage(doc, env, a as RenditionOptions);
        renditionMs.push(performance.now() - started);
        return pages;
      }
      case "exportAllowed":
        return rules.exportAllowed;
      case "showModalDialog":
        return showHostDialog(a as DialogOptions, dialogs);
      case "storage.getItem":
        return storage.getItem(String(a));
      case "storage.setItem":
        return storage.setItem(String(a), b);
      case "storage.removeItem":
        return storage.removeItem(String(a));
      case "storage.keys":
        return storage.keys();
      case "storage.clear":
        return storage.clear();
      default:
        return Promise.reject(new Error(`the harness host does not implement ${method}`));
    }
  };
}
