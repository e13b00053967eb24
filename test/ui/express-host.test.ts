import type { AddOnSDKAPI } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import { BackendUnavailableError, ExportNotAllowedError, PremiumContentError, SourceLayerError } from "../../src/core/errors";
import { spectrumColor } from "../../src/ui/host/theme";
import { createExpressHost } from "../../src/ui/host/express-host";

/** Just the SDK surface the adapter touches, with the enum values the SDK's types declare. */
function fakeSdk(rules: { exportAllowed?: boolean; renditionError?: Error } = {}) {
  const calls: unknown[][] = [];
  const handlers = new Map<string, (data: unknown) => void>();
  const storage = new Map<string, unknown>();
  const sdk = {
    constants: {
      RuntimeType: { documentSandbox: "documentSandbox", panel: "panel" },
      Range: { currentPage: "currentPage" },
      RenditionFormat: { png: "image/png" },
      RenditionIntent: { export: "export", preview: "preview", print: "print" },
    },
    app: {
      ui: { theme: "dark", locale: "fr-FR" },
      on: (name: string, handler: (data: unknown) => void) => handlers.set(name, handler),
      off: (name: string) => handlers.delete(name),
      document: {
        createRenditions: async (...args: unknown[]) => {
          calls.push(["createRenditions", ...args]);
          if (rules.renditionError) throw rules.renditionError;
          return [{ type: "page", blob: new Blob(["png"], { type: "image/png" }) }];
        },
        exportAllowed: async () => {
          calls.push(["exportAllowed"]);
          return rules.exportAllowed ?? true;
        },
      },
    },
    instance: {
      clientStorage: {
        getItem: async (k: string) => storage.get(k),
        setItem: async (k: string, v: unknown) => void storage.set(k, v),
        removeItem: async (k: string) => void storage.delete(k),
      },
      runtime: {
        apiProxy: async (type: string) => {
          calls.push(["apiProxy", type]);
          return {
            getSelection: async () => ({ ok: true, value: { layers: [] } }),
            insertDepth: async () => ({ ok: false, error: { code: "source_layer", message: "The source layer was deleted; select it again." } }),
            insertResult: async () => ({ layers: [] }),
          };
        },
        exposeApi: (api: unknown) => calls.push(["exposeApi", api]),
      },
    },
  };
  return { sdk: sdk as unknown as AddOnSDKAPI, calls, handlers, storage };
}

describe("Express host adapter", () => {
  it("renders the current page as PNG with the preview intent for pixels that stay in the panel", async () => {
    const { sdk, calls } = fakeSdk({ exportAllowed: false });
    const blob = await createExpressHost(sdk).renderCurrentPage("preview");
    expect(calls).toEqual([["createRenditions", { range: "currentPage", format: "image/png" }, "preview"]]);
    expect(await blob.text()).toBe("png");
  });

  it("checks exportAllowed before an export rendition, and never asks Express for one it would refuse", async () => {
    const allowed = fakeSdk();
    await createExpressHost(allowed.sdk).renderCurrentPage("export");
    expect(allowed.calls).toEqual([["exportAllowed"], ["createRenditions", { range: "currentPage", format: "image/png" }, "export"]]);

    const underReview = fakeSdk({ exportAllowed: false });
    const error = await createExpressHost(underReview.sdk).renderCurrentPage("export").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportNotAllowedError);
    expect((error as Error).message).toMatch(/under review/);
    expect(underReview.calls).toEqual([["exportAllowed"]]);
  });

  it("tells Premium content apart from other rendition failures", async () => {
    const premium = fakeSdk({ renditionError: new Error("Export failed: USER_NOT_ENTITLED_TO_PREMIUM_CONTENT") });
    const error = await createExpressHost(premium.sdk).renderCurrentPage("export").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PremiumContentError);
    expect((error as Error).message).toMatch(/Premium content/);

    const other = fakeSdk({ renditionError: new Error("renderer busy") });
    const failure = await createExpressHost(other.sdk).renderCurrentPage("preview").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BackendUnavailableError);
    expect((failure as Error).message).toMatch(/renderer busy.*try again/);
  });

  it("asks for the document sandbox's proxy and exposes the panel API", async () => {
    const { sdk, calls } = fakeSdk();
    const host = createExpressHost(sdk);
    await host.sandbox();
    const api = { selectionChanged: () => {} };
    host.exposePanelApi(api);
    expect(calls).toEqual([["apiProxy", "documentSandbox"], ["exposeApi", api]]);
  });

  it("unwraps the sandbox's answers: values come back, failures are thrown as their typed error", async () => {
    const api = await createExpressHost(fakeSdk().sdk).sandbox();
    expect(await api.getSelection()).toEqual({ layers: [] });
    const error = await api.insertDepth({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceLayerError);
    expect(error).toMatchObject({ code: "source_layer", message: "The source layer was deleted; select it again." });
    await expect(api.insertResult({} as never)).rejects.toMatchObject({ code: "bad_response" });
  });

  it("draws Express's lightest and darkest themes in Spectrum's light and dark", () => {
    expect((["light", "lightest", "dark", "darkest"] as const).map(spectrumColor)).toEqual(["light", "light", "dark", "dark"]);
  });

  it("follows the host theme and locale, and stops when unsubscribed", () => {
    const { sdk, handlers } = fakeSdk();
    const host = createExpressHost(sdk);
    expect([host.theme, host.locale]).toEqual(["dark", "fr-FR"]);
    const themes: string[] = [];
    const off = host.onThemeChange((t) => themes.push(t));
    host.onLocaleChange(() => {});
    for (const theme of ["light", "darkest", "lightest", "dark", "sepia"]) handlers.get("themechange")?.({ theme });
    // Express's four themes (UiTheme in the SDK types) pass through; an unknown one is Express's default.
    expect(themes).toEqual(["light", "darkest", "lightest", "dark", "light"]);
    off();
    expect(handlers.has("themechange")).toBe(false);
    expect(handlers.has("localechange")).toBe(true);
  });

  it("uses the add-on's clientStorage as the panel's store", async () => {
    const { sdk, storage } = fakeSdk();
    await createExpressHost(sdk).storage.setItem("k", 1);
    expect(storage.get("k")).toBe(1);
  });
});
