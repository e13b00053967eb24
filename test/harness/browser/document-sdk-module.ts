/** Served for "express-document-sdk": the harness's in-memory document, as the add-on's sandbox sees it. */
import { harnessGlobals } from "./globals";

const sdk = harnessGlobals().documentSdk;
export const editor = sdk.editor;
export const constants = sdk.constants;
export const colorUtils = sdk.colorUtils;
export const fonts = sdk.fonts;
export const viewport = sdk.viewport;
export default sdk;
