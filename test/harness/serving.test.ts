/** The harness's serving rules: where the import map goes, and what the static server refuses. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { injectImportMap, UI_SDK_URL } from "./import-map";
import { readAddOnManifest } from "./manifest";
import { readUnder } from "./static-files";

const map = { imports: { [UI_SDK_URL]: "/__harness/ui-sdk.js" } };

test("the import map goes first in <head>, before the panel's own scripts", () => {
  const html = `<!doctype html><html><head><meta charset=utf-8><script type=module src=index.js></script></head><body></body></html>`;
  const out = injectImportMap(html, map);
  expect(out.indexOf('<script type="importmap">')).toBeLessThan(out.indexOf("index.js"));
  expect(out.indexOf('<script type="importmap">')).toBeGreaterThan(out.indexOf("<head>"));
  const json = /<script type="importmap">(.*?)<\/script>/.exec(out)?.[1] ?? "";
  expect(JSON.parse(json)).toEqual(map);
});

test("a page without <head> still gets the map ahead of everything", () => {
  const out = injectImportMap(`<!doctype html><script type=module src=index.js></script>`, map);
  expect(out.startsWith(`<!doctype html><head><script type="importmap">`)).toBe(true);
});

test("a page that already has an import map is refused, since a second one would be ignored", () => {
  expect(() => injectImportMap(`<head><script type="importmap">{}</script></head>`, map)).toThrow(/already has an import map/);
});

test("a script-closing sequence inside the map cannot end the tag early", () => {
  const out = injectImportMap("<head></head>", { imports: { x: "/</script><b>" } });
  expect(out).not.toContain("</script><b>");
});

describe("static files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "harness-static-"));
    await writeFile(join(dir, "index.html"), "ok");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("serves files under the root and nothing outside it", async () => {
    expect((await readUnder(dir, "/index.html"))?.toString()).toBe("ok");
    expect(await readUnder(dir, "/../../etc/passwd")).toBeUndefined();
    expect(await readUnder(dir, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(await readUnder(dir, "/missing.js")).toBeUndefined();
  });

  test("a manifest without a documentSandbox is rejected with a message naming the file", async () => {
    await writeFile(
      join(dir, "manifest.json"),
      JSON.stringify({ manifestVersion: 2, entryPoints: [{ type: "panel", id: "p", main: "index.html" }] }),
    );
    await expect(readAddOnManifest(dir)).rejects.toThrow(/manifest\.json: the panel entry point names no documentSandbox/);
  });

  test("no manifest at all says to build first", async () => {
    await expect(readAddOnManifest(join(dir, "nowhere"))).rejects.toThrow(/npm run build/);
  });
});
