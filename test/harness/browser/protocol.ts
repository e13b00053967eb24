import type { ComlinkOp } from "../../fakes/express-bridge";

/**
 * Messages between the host page and the panel iframe (window.postMessage, so every value is
 * structured-cloned exactly as between Express and an add-on). One tag marks harness traffic.
 */
export const TAG = "depth-restyle-harness/1";

export type Target = "documentSandbox" | "panel" | "host";

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export interface PanelInit {
  theme: string;
  locale: string;
  locales: string[];
  format: string;
  manifest: Record<string, unknown>;
  documentSandboxReady: boolean;
}

export type Message =
  | { tag: typeof TAG; kind: "hello" }
  | { tag: typeof TAG; kind: "init"; init: PanelInit }
  | { tag: typeof TAG; kind: "exposed"; runtime: "panel" | "documentSandbox" }
  | { tag: typeof TAG; kind: "call"; id: number; target: Target; op: ComlinkOp; path: string[]; args: unknown[] }
  | { tag: typeof TAG; kind: "reply"; id: number; ok: true; value: unknown }
  | { tag: typeof TAG; kind: "reply"; id: number; ok: false; error: SerializedError | { thrown: unknown } }
  | { tag: typeof TAG; kind: "event"; name: "themechange" | "localechange"; data: { theme: string } | { locale: string } };

export type MessageBody = Message extends infer M ? (M extends Message ? Omit<M, "tag"> : never) : never;

export const isMessage = (data: unknown): data is Message =>
  typeof data === "object" && data !== null && (data as { tag?: unknown }).tag === TAG;
