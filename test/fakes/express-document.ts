/**
 * In-memory Express document for tests and the browser host harness: one page, one artboard,
 * nodes with the SDK's geometry, stacking and AddOnData rules, typed against the SDK's
 * published types through the add-on's ports (src/sandbox/ports.ts). Plain TypeScript with no
 * Node APIs, so it runs under jest and in a browser page alike.
 */
export { createExpressDocument, FakeExpressDocument, type ExpressDocumentOptions, type LayerPlacement } from "./express-document/document";
export { FakeEditor, MAX_IMAGE_SIDE, sameAspectToThePixel } from "./express-document/editor";
export { FakeContext } from "./express-document/context";
export { fakeConstants, blendModeName, type FakeConstants } from "./express-document/constants";
export { FakeAddOnData, ADD_ON_DATA_LIMITS } from "./express-document/add-on-data";
export { FakeNode, FakeVisualNode } from "./express-document/node-base";
export { FakeEllipse, FakeGroup, FakeRectangle } from "./express-document/node-kinds";
export { FakeBitmapImage, FakeImageRectangle, FakeMediaContainer } from "./express-document/media";
export { FakeArtboard, FakePage } from "./express-document/page";
export { ActiveContentRule } from "./express-document/active-content";
export { colorUtils } from "./express-document/color-utils";
export { readImageHeader, type ImageHeader } from "./express-document/image-header";
export type { DocumentView, NodeView } from "./express-document/snapshot";
