/** Injected by the harness server into the host page (JSON in #harness-config). */
export interface HostConfig {
  panelUrl: string;
  panelOrigin: string;
  sandboxUrl: string;
  addOnId: string;
  manifest: Record<string, unknown>;
  /** Express's UI theme (UiTheme in the SDK types). */
  theme: "light" | "dark" | "lightest" | "darkest";
  locale: string;
  banner: string;
}
