/** Served for "add-on-sdk-document-sandbox": runtime.exposeApi / apiProxy bridged to the panel by the host. */
import type { RuntimeType as SdkRuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { mirror } from "./enum-mirror";
import { harnessGlobals } from "./globals";

export const RuntimeType = mirror<typeof SdkRuntimeType>()({ panel: "panel", script: "script", documentSandbox: "documentSandbox" });
export default harnessGlobals().sandboxSdk;
