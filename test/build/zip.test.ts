import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { collect, packageDist } from "../../scripts/package";
import { zip } from "../../scripts/zip";

/** Lists an archive with the system's unzip (Info-ZIP), an independent reader. */
const unzipList = (file: string): string => execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
const unzipFile = (file: string, name: string): Buffer => execFileSync("unzip", ["-p", file, name]);

describe("zip writer", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-zip-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes archives that unzip reads back byte for byte, deflated or stored", async () => {
    const text = new TextEncoder().encode("hello ".repeat(1000));
    const noise = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    const file = path.join(dir, "a.zip");
    await writeFile(file, zip([{ name: "text.txt", data: text }, { name: "sub/noise.bin", data: noise }, { name: "empty", data: new Uint8Array(0) }]));
    execFileSync("unzip", ["-tq", file]);
    expect(unzipList(file).trim().split("\n")).toEqual(["text.txt", "sub/noise.bin", "empty"]);
    expect(unzipFile(file, "text.txt").equals(Buffer.from(text))).toBe(true);
    expect(unzipFile(file, "sub/noise.bin").equals(Buffer.from(noise))).toBe(true);
    expect((await readFile(file)).length).toBeLessThan(text.length);
  });

  it("packages a dist folder without source maps and refuses an unpublishable manifest", async () => {
    const dist = path.join(dir, "dist");
    await mkdir(path.join(dist, "chunks"), { recursive: true });
    await writeFile(path.join(dist, "index.html"), "<!doctype html>");
    await writeFile(path.join(dist, "index.js"), "export {}");
    await writeFile(path.join(dist, "index.js.map"), "{}");
    await writeFile(path.join(dist, "chunks", "w.js"), "export {}");
    await writeFile(path.join(dist, "manifest.json"), await readFile(path.resolve("manifest.json")));
    expect((await collect(dist)).map((e) => e.name)).toEqual(["chunks/w.js", "index.html", "index.js", "manifest.json"]);
    const out = path.join(dir, "p.zip");
    const result = await packageDist(dist, out);
    expect(result.files).toBe(4);
    expect(unzipList(out)).not.toMatch(/\.map/);

    await writeFile(path.join(dist, "manifest.json"), await readFile(path.resolve("manifest.experimental.json")));
    await expect(packageDist(dist, out)).rejects.toThrow(/not publishable/);
  });
});
