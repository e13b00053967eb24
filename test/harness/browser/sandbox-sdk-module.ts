/** Served for "add-on-sdk-document-sandbox": runtime.exposeApi / apiProxy bridged to the panel by the host. */
import { harnessGlobals } from "./globals";

export default harnessGlobals().sandboxSdk;
