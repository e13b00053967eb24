import type { AddOnDocumentSandboxSdk, Runtime, RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { comlinkProxy, type ComlinkOp } from "../../fakes/express-bridge";

export type FakeSandboxSdk = Pick<AddOnDocumentSandboxSdk, "instance">;

export interface SandboxRuntimeLinks {
  /** Called once, when the sandbox code exposes its API. */
  onExpose(api: unknown): void;
  /** Resolves once the panel has exposed its API (again after each panel reload). */
  panelReady(): Promise<void>;
  callPanel(op: ComlinkOp, path: string[], args: unknown[]): Promise<unknown>;
}

/** The document sandbox's `runtime`, typed against the SDK's published class. */
export function createSandboxSdk(links: SandboxRuntimeLinks): FakeSandboxSdk {
  let exposed = false;
  const runtime: Runtime = {
    type: "documentSandbox" as Runtime["type"],
    exposeApi(api) {
      if (exposed) return; // the SDK ignores every call after the first
      exposed = true;
      links.onExpose(api);
    },
    // Remote<T> is not exported by the types; the proxy is built for any T, hence `never`.
    async apiProxy(runtimeType: RuntimeType): Promise<never> {
      if (runtimeType !== "panel") throw new Error(`the document sandbox can only ask for the panel proxy, not "${runtimeType}"`);
      await links.panelReady();
      return comlinkProxy((op, path, args) => links.callPanel(op, path, args)) as never;
    },
  };
  return { instance: { runtime } };
}

