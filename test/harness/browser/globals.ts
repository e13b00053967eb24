/**
 * What the host page hands to the two document-sandbox modules before it imports the add-on's
 * code.js (the import map points "express-document-sdk" and "add-on-sdk-document-sandbox" at
 * tiny modules that re-export these).
 */
export interface DocumentSdkExports {
  editor: unknown;
  constants: unknown;
  colorUtils: unknown;
  fonts?: unknown;
  viewport?: unknown;
}

export interface HarnessGlobals {
  documentSdk: DocumentSdkExports;
  sandboxSdk: unknown;
}

const KEY = "__depthRestyleHarness";

export function setHarnessGlobals(globals: HarnessGlobals): void {
  (globalThis as Record<string, unknown>)[KEY] = globals;
}

export function harnessGlobals(): HarnessGlobals {
  const globals = (globalThis as Record<string, unknown>)[KEY] as HarnessGlobals | undefined;
  if (!globals) throw new Error("the document sandbox modules were loaded outside the harness host page");
  return globals;
}
