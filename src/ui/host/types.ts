import type { PanelApi, SandboxApi } from "../../shared/sandbox-api";

/** Async key/value storage with the shape of the SDK's ClientStorage. */
export interface KeyValueStore {
  getItem(key: string): Promise<unknown>;
  setItem(key: string, value: unknown): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** Express's UI themes (UiTheme in the SDK's types). */
export type HostTheme = "light" | "dark" | "lightest" | "darkest";
/** The Spectrum colours the panel is drawn in. */
export type ThemeColor = "light" | "dark";

export type RenderIntent = "preview" | "export";

/**
 * Everything the panel needs from Adobe Express. The only implementation talking to the SDK is
 * express-host.ts; tests and the browser harness hand the panel their own.
 */
export interface PanelHost {
  readonly theme: HostTheme;
  readonly locale: string;
  onThemeChange(listener: (theme: HostTheme) => void): () => void;
  onLocaleChange(listener: (locale: string) => void): () => void;
  /** Per-user, per-add-on storage (not secret). */
  readonly storage: KeyValueStore;
  /** The document sandbox's API (already parsed on each call by the caller). */
  sandbox(): Promise<SandboxApi>;
  /** Lets the sandbox push selection changes; may be called once. */
  exposePanelApi(api: PanelApi): void;
  /**
   * A PNG rendition of the current page, as the page looks now. "preview" for pixels that stay in
   * the panel, "export" for pixels sent to a restyle service (Express checks Premium content and
   * review approval for those).
   */
  renderCurrentPage(intent: RenderIntent): Promise<Blob>;
}
