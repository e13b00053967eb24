import type { HostConfig } from "./host-config";
import type { DocumentSnapshot } from "../snapshot-schema";
import type { DocumentRules } from "../document-rules";

export interface SandboxCallRecord {
  method: string;
  ok: boolean;
  error?: string;
}

/** `window.harness` on the host page: what tests (and curious playground users) call. */
export interface HarnessApi {
  /** Settles once the document is built and the add-on's sandbox code has run. */
  ready: Promise<void>;
  /** Errors seen by the host page (sandbox load failures, uncaught errors). */
  errors: string[];
  /** How long each page rendition the panel asked for took the host, in ms, in order. */
  renditionMs: number[];
  /** Every panel → sandbox call, in order. */
  sandboxCalls: SandboxCallRecord[];
  snapshot(): Promise<DocumentSnapshot>;
  idOf(label: string): string;
  /** Sets editor.context.selection to these layers (scene labels or node ids). */
  select(labelsOrIds: string[]): void;
  /** Deletes a top-level layer (scene label or node id) as the user would. */
  remove(labelOrId: string): void;
  /** Reloads the panel iframe (like closing and reopening the add-on); resolves when it exposed its API again. */
  reloadPanel(): Promise<void>;
  /** Resolves when the panel has exposed its API to the sandbox. */
  panelReady(): Promise<void>;
  setTheme(theme: HostConfig["theme"]): void;
  setLocale(locale: string): void;
  dialogs(): { variant: string; title: string; description?: string; result?: unknown }[];
  storageKeys(): Promise<string[]>;
  storageUsage(): number;
  /** Resolves after the canvas shows the current document. */
  rendered(): Promise<void>;
  /** Premium content / entitlement / review state Express applies to renditions from now on. */
  setDocumentRules(rules: Partial<DocumentRules>): void;
  /** Adds a text layer on top of the page (like Express's Text tool); returns its id. */
  addText(text: string, at: { x: number; y: number; size?: number; color?: string }): string;
  /** Moves a layer directly above another one, into that layer's group if it has one (a drag in the Layers panel). */
  placeAbove(labelOrId: string, targetId: string): void;
  /** RGBA of the drawn page at a page point (after the pending render). */
  pixel(x: number, y: number): Promise<number[]>;
}
