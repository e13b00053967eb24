import type { AddOnSDKAPI, AppEvent, Rendition } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import type { PanelApi, SandboxApi } from "../../shared/sandbox-api";
import { BackendUnavailableError } from "../../core/errors";
import { throwFromData, type AnsweringApi } from "../../core/bridge-answer";
import { renditionFailure } from "./rendition-errors";
import type { HostTheme, PanelHost, RenderIntent } from "./types";

// AppEvent is a type-only string enum (the SDK exports no runtime value for it): use its literal values.
const THEME_CHANGE = "themechange" as unknown as AppEvent.themechange;
const LOCALE_CHANGE = "localechange" as unknown as AppEvent.localechange;

const HOST_THEMES: readonly string[] = ["light", "dark", "lightest", "darkest"] satisfies HostTheme[];
/** `ui.theme` is typed as a string; an unknown value falls back to Express's default, light. */
const asTheme = (value: string): HostTheme => (HOST_THEMES.includes(value) ? (value as HostTheme) : "light");

/** Adapts the Express UI SDK (after `ready`) to PanelHost. No other module touches addOnUISdk. */
export function createExpressHost(sdk: AddOnSDKAPI): PanelHost {
  const { app, instance, constants } = sdk;
  const runtime = instance.runtime;
  return {
    get theme() {
      return asTheme(app.ui.theme);
    },
    get locale() {
      return app.ui.locale;
    },
    onThemeChange(listener) {
      const handler = (data: { theme: string }) => listener(asTheme(data.theme));
      app.on(THEME_CHANGE, handler);
      return () => app.off(THEME_CHANGE, handler);
    },
    onLocaleChange(listener) {
      const handler = (data: { locale: string }) => listener(data.locale);
      app.on(LOCALE_CHANGE, handler);
      return () => app.off(LOCALE_CHANGE, handler);
    },
    storage: instance.clientStorage,
    async sandbox() {
      if (!runtime.apiProxy) throw new BackendUnavailableError("The document sandbox is not available to this panel. Reload the add-on.");
      const proxy = await runtime.apiProxy<AnsweringApi<SandboxApi>>(constants.RuntimeType.documentSandbox);
      return throwFromData<SandboxApi>(proxy as unknown as AnsweringApi<SandboxApi>);
    },
    exposePanelApi(api: PanelApi) {
      runtime.exposeApi?.(api);
    },
    async renderCurrentPage(intent: RenderIntent) {
      // Checked first, as Adobe advises: an export of a document under review would otherwise
      // open Express's own "Request approval" dialog. Previews are always allowed.
      if (intent === "export" && !(await app.document.exportAllowed())) throw renditionFailure("export-not-allowed");
      const renditionIntent = intent === "export" ? constants.RenditionIntent.export : constants.RenditionIntent.preview;
      let rendition: Rendition | undefined;
      try {
        [rendition] = await app.document.createRenditions({ range: constants.Range.currentPage, format: constants.RenditionFormat.png }, renditionIntent);
      } catch (error) {
        throw renditionFailure(error);
      }
      if (!rendition) throw new BackendUnavailableError("Express returned no rendition of the current page. Try again after the page has loaded.");
      return rendition.blob;
    },
  };
}
