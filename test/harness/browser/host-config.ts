/** Injected by the harness server into the host page (JSON in #harness-config). */
export interface HostConfig {
  panelUrl: string;
  panelOrigin: string;
  sandboxUrl: string;
  addOnId: string;
  manifest: Record<string, unknown>;
  theme: "light" | "dark";
  locale: string;
  banner: string;
}
