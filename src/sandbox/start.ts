import type { Runtime, RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { answerAsData } from "../core/bridge-answer";
import type { PanelApi, SelectionInfo } from "../shared/sandbox-api";
import { createSandboxApi } from "./api";
import type { EditDeps } from "./document-edits";
import { describeSelection } from "./selection";

export interface SandboxStartDeps extends EditDeps {
  runtime: Pick<Runtime, "exposeApi" | "apiProxy">;
  /** `RuntimeType.panel` from the sandbox SDK module. */
  panelRuntime: RuntimeType;
  log?: (message: string) => void;
}

/**
 * Wires the document sandbox: undoes a read the previous panel left unfinished, exposes
 * SandboxApi to the panel (answering data, so typed errors survive the bridge) and forwards every
 * selection change to the panel's PanelApi.selectionChanged (read synchronously in the handler, as
 * the SDK requires; the document is never edited from a selection event).
 */
export function startSandbox({ editor, constants, runtime, panelRuntime, nodeRenditions, log = (m) => console.warn(m) }: SandboxStartDeps): { stop(): void } {
  const api = createSandboxApi({ editor, constants, nodeRenditions });
  // A panel closed in the middle of reading a layer leaves results hidden and a backdrop placed:
  // the reopened add-on puts the page back first.
  api.endRead().catch((error: unknown) => log(`Depth Restyle could not restore the page after an unfinished read: ${error instanceof Error ? error.message : String(error)}`));
  runtime.exposeApi(answerAsData(api));
  const panel = runtime.apiProxy<PanelApi>(panelRuntime);
  const event = constants.EditorEvent.selectionChange;
  const handlerId = editor.context.on(event, () => {
    let selection: SelectionInfo;
    try {
      selection = describeSelection(editor.context.selection, editor.context.currentPage);
    } catch (error) {
      return log(`Depth Restyle could not read the selection: ${error instanceof Error ? error.message : String(error)}`);
    }
    // A panel that is reloading misses this change and asks for the selection when it starts.
    panel
      .then((api) => api.selectionChanged(selection))
      .catch((error: unknown) => log(`Depth Restyle could not tell the panel about the selection: ${error instanceof Error ? error.message : String(error)}`));
  });
  return { stop: () => editor.context.off(event, handlerId) };
}
