/**
 * The host harness itself, in Chromium, with a minimal hand-written add-on (fixtures/addon):
 * the SDK URL resolves to the fake through the import map, the panel and the sandbox reach each
 * other over postMessage with structured clone, and the host answers renditions, dialogs,
 * clientStorage and theme events the way the SDK's types say.
 */
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import type { AddOnSDKAPI } from "@adobe/ccweb-add-on-sdk-types/iframe-ui";
import type { Frame } from "playwright-core";
import { launchChromium, type Chromium } from "./chromium";
import type { HarnessApi } from "./browser/harness-api";
import { TEST_SCENE } from "./scene";
import { startHarness, type HarnessServer } from "./server";
import { DocumentSnapshotSchema } from "./snapshot-schema";

/** What fixtures/addon/code.js exposes. */
interface FixtureSandbox {
  describe(): Promise<{ width: number; height: number; selection: string[] }>;
  fail(): Promise<never>;
  echo<T>(value: T): Promise<T>;
  callPanel(text: string): Promise<string>;
  insert(png: ArrayBuffer): Promise<string>;
  editAfterAwait(png: ArrayBuffer): Promise<void>;
}
type Fixture = { fixture: { sdk: AddOnSDKAPI; sandbox: FixtureSandbox; themes: string[] } };
type Host = { harness: HarnessApi };

let harness: HarnessServer;
let chromium: Chromium;
let panel: Frame;

const host = () => chromium.context.pages()[0]!;
async function openPanel(): Promise<Frame> {
  const frame = host().frames().find((f) => f.url().startsWith(harness.panelOrigin));
  if (!frame) throw new Error("no panel frame");
  await frame.locator("#state", { hasText: "ready" }).waitFor();
  return frame;
}

beforeAll(async () => {
  harness = await startHarness({ scene: TEST_SCENE, distDir: fileURLToPath(new URL("fixtures/addon", import.meta.url)) });
  chromium = await launchChromium();
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  await page.goto(harness.hostUrl);
  await page.waitForFunction(() => "harness" in globalThis);
  await page.evaluate(() => (globalThis as unknown as Host).harness.ready);
  panel = await openPanel();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await harness?.close();
});

test("the panel reaches the sandbox, which reads the harness document", async () => {
  expect(await panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sandbox.describe())).toEqual({ width: 1200, height: 800, selection: [] });
  expect(panel.url().startsWith(harness.panelOrigin)).toBe(true);
  expect(new URL(harness.panelOrigin).origin).not.toBe(new URL(harness.hostUrl).origin);
});

test("errors cross as Error objects with their name and message; only the types Express accepts cross; buffers are copied", async () => {
  const outcome = await panel.evaluate(async () => {
    const { sandbox } = (globalThis as unknown as Fixture).fixture;
    const failed = await sandbox.fail().catch((e: Error) => [e instanceof Error, e.name, e.message]);
    const refused = await Promise.all([() => 1, new Uint8Array(2), new Map(), new Date(0)].map((value) => sandbox.echo(value).then(() => "crossed", (e: Error) => e.message)));
    const bytes = new Uint8Array([1, 2, 3]);
    const echoed: ArrayBuffer = await sandbox.echo(bytes.buffer);
    return { failed, refused, echoed: [...new Uint8Array(echoed)], sameBuffer: echoed === bytes.buffer };
  });
  expect(outcome).toMatchObject({ failed: [true, "TypeError", "bad input"], echoed: [1, 2, 3], sameBuffer: false });
  expect(outcome.refused).toEqual([/function/, /Uint8Array/, /Map/, /Date/].map((pattern) => expect.stringMatching(pattern)));
});

test("the panel iframe gets Express's sandbox flags and nothing the manifest does not ask for", async () => {
  const iframe = host().locator("#panel");
  const attributes = { sandbox: await iframe.getAttribute("sandbox"), allow: await iframe.getAttribute("allow") };
  expect(attributes).toEqual({ sandbox: "allow-scripts allow-same-origin", allow: null });
});

test("the sandbox calls the panel's exposed API", async () => {
  expect(await panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sandbox.callPanel("hi"))).toBe("panel got hi");
});

test("createRenditions renders the current page as a PNG of the page's size with its layers", async () => {
  const r = await panel.evaluate(async () => {
    const { sdk } = (globalThis as unknown as Fixture).fixture;
    const [rendition] = await sdk.app.document.createRenditions({ range: sdk.constants.Range.currentPage, format: sdk.constants.RenditionFormat.png });
    return { type: rendition?.type, mime: rendition?.blob.type, bytes: [...new Uint8Array((await rendition?.blob.arrayBuffer()) ?? new ArrayBuffer(0))] };
  });
  expect(r).toMatchObject({ type: "page", mime: "image/png" });
  const { data, info } = await sharp(Buffer.from(r.bytes)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([1200, 800]);
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
  expect(at(10, 10)).toEqual([0xf4, 0xf1, 0xea]); // page background
  expect(at(60, 60)).toEqual([0xc9, 0xd6, 0xdf]); // the backdrop rectangle
});

test("renditions follow Express's rules: preview needs the manifest flag, export refuses Premium content and unapproved documents", async () => {
  const setRules = (rules: Parameters<HarnessApi["setDocumentRules"]>[0]) => host().evaluate((r) => (globalThis as unknown as Host).harness.setDocumentRules(r), rules);
  const attempt = (intent?: "preview" | "export") =>
    panel.evaluate(async (i) => {
      const { sdk } = (globalThis as unknown as Fixture).fixture;
      const options = { range: sdk.constants.Range.currentPage, format: sdk.constants.RenditionFormat.png };
      try {
        const [r] = await (i === undefined ? sdk.app.document.createRenditions(options) : sdk.app.document.createRenditions(options, i as never));
        return `ok ${(r as { metadata?: { hasPremiumContent?: boolean } } | undefined)?.metadata?.hasPremiumContent}`;
      } catch (error) {
        return (error as Error).message;
      }
    }, intent);
  const exportAllowed = () => panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sdk.app.document.exportAllowed());

  // The fixture's manifest has no "renditionPreview": the preview intent is refused, export (the default) is fine.
  expect(await attempt("preview")).toMatch(/renditionPreview/);
  expect(await attempt()).toBe("ok false");
  await setRules({ premiumContent: true, premiumUser: false });
  expect(await attempt()).toMatch(/USER_NOT_ENTITLED_TO_PREMIUM_CONTENT/);
  await setRules({ premiumContent: true, premiumUser: true });
  expect(await attempt("export")).toBe("ok true");
  await setRules({ premiumContent: false, exportAllowed: false });
  expect(await exportAllowed()).toBe(false);
  expect(await attempt("export")).toMatch(/not allowed until the document is approved/);
  const dialogs = await host().evaluate(() => (globalThis as unknown as Host).harness.dialogs());
  expect(dialogs.at(-1)).toMatchObject({ variant: "error", title: "Request approval" });
  await host().locator('[data-testid="host-dialog-primary"]').click();
  await setRules({ exportAllowed: true });
  expect(await exportAllowed()).toBe(true);
});

test("an image the sandbox inserts lands in the document and is drawn with its blend mode", async () => {
  const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#ff0000" } }).png().toBuffer();
  const id = await panel.evaluate((bytes) => (globalThis as unknown as Fixture).fixture.sandbox.insert(new Uint8Array(bytes).buffer), [...png]);
  const doc = DocumentSnapshotSchema.parse(await host().evaluate(() => (globalThis as unknown as Host).harness.snapshot()));
  const layer = doc.layers.find((l) => l.id === id);
  expect(layer).toMatchObject({ type: "MediaContainer", blendMode: "multiply", bounds: { x: 20, y: 600, width: 200, height: 100 } });
  const pixel = await host().evaluate(() => (globalThis as unknown as Host).harness.pixel(120, 650));
  // Red multiplied over the backdrop (#c9d6df) keeps only the backdrop's red channel.
  expect(pixel).toEqual([0xc9, 0, 0, 255]);
});

test("the document enforces the SDK's rule: no edits after an await outside keepContentActiveDuringAsync", async () => {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#00ff00" } }).png().toBuffer();
  const message = await panel.evaluate(
    (bytes) => (globalThis as unknown as Fixture).fixture.sandbox.editAfterAwait(new Uint8Array(bytes).buffer).then(() => "no error", (e: Error) => e.message),
    [...png],
  );
  expect(message).toMatch(/keepContentActiveDuringAsync/);
});

test("clientStorage keeps structured values across panel reloads and enforces the 10 MB quota", async () => {
  await panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sdk.instance.clientStorage.setItem("k", { n: 1, bytes: new Uint8Array([9, 8]) }));
  await host().evaluate(() => (globalThis as unknown as Host).harness.reloadPanel());
  panel = await openPanel();
  const stored = await panel.evaluate(async () => {
    const storage = (globalThis as unknown as Fixture).fixture.sdk.instance.clientStorage;
    const value = (await storage.getItem("k")) as { n: number; bytes: Uint8Array };
    const quota = await storage.setItem("big", new Uint8Array(11 * 1024 * 1024)).then(() => "stored", (e: Error) => e.message);
    return { n: value.n, bytes: [...value.bytes], keys: await storage.keys(), quota };
  });
  expect(stored).toEqual({ n: 1, bytes: [9, 8], keys: ["k"], quota: expect.stringMatching(/quota/) });
});

test("theme changes reach the panel as themechange events", async () => {
  await host().evaluate(() => (globalThis as unknown as Host).harness.setTheme("dark"));
  await panel.waitForFunction(() => (globalThis as unknown as Fixture).fixture.themes.includes("dark"));
  expect(await panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sdk.app.ui.theme)).toBe("dark");
});

test("showModalDialog shows a host dialog and resolves with the button pressed", async () => {
  await panel.evaluate(() => {
    const { sdk } = (globalThis as unknown as Fixture).fixture;
    (globalThis as unknown as { answer: Promise<unknown> }).answer = sdk.app.showModalDialog({
      variant: sdk.constants.Variant.confirmation,
      title: "Replace?",
      description: "The layer will be replaced.",
      buttonLabels: { primary: "Replace", cancel: "Keep" },
    });
  });
  await host().getByTestId("host-dialog-description").filter({ hasText: "The layer will be replaced." }).waitFor();
  await host().getByTestId("host-dialog-primary").click();
  expect(await panel.evaluate(() => (globalThis as unknown as { answer: Promise<unknown> }).answer)).toEqual({ type: "alert", buttonType: "primary" });
});

test("clicking the drawn page selects layers (shift adds) and dragging moves them", async () => {
  const page = host();
  const box = (await page.getByTestId("host-canvas").boundingBox())!;
  const k = box.width / 1200;
  const at = (x: number, y: number) => ({ x: box.x + x * k, y: box.y + y * k });
  const ids = await page.evaluate(() => ["photo", "tile"].map((l) => (globalThis as unknown as Host).harness.idOf(l)));
  const photo = at(340, 280);
  await page.mouse.click(photo.x, photo.y);
  const tile = at(900, 620);
  await page.keyboard.down("Shift");
  await page.mouse.click(tile.x, tile.y);
  await page.keyboard.up("Shift");
  expect((await panel.evaluate(() => (globalThis as unknown as Fixture).fixture.sandbox.describe())).selection).toEqual(ids);

  const read = async () => DocumentSnapshotSchema.parse(await page.evaluate(() => (globalThis as unknown as Host).harness.snapshot()));
  const before = (await read()).layers.find((l) => l.label === "tile")!.bounds;
  await page.mouse.click(tile.x, tile.y); // a plain click on a selected layer keeps the selection for dragging
  await page.mouse.move(tile.x, tile.y);
  await page.mouse.down();
  await page.mouse.move(tile.x + 50 * k, tile.y + 20 * k, { steps: 4 });
  await page.mouse.up();
  const after = (await read()).layers.find((l) => l.label === "tile")!.bounds;
  expect(after.x - before.x).toBeCloseTo(50, 0);
  expect(after.y - before.y).toBeCloseTo(20, 0);
});
