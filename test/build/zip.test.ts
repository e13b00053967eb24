import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { collect, packageDist } from "../../scripts/package";
import { zip } from "../../scripts/zip";

/** A reader written from the APPNOTE, independent of the writer: end record → central directory → local entries, CRC-checked. */
function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory record");
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const body = archive.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

describe("zip writer", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-zip-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes archives that read back byte for byte, deflated or stored", async () => {
    const text = new TextEncoder().encode("hello ".repeat(1000));
    const noise = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    const archive = zip([{ name: "text.txt", data: text }, { name: "sub/noise.bin", data: noise }, { name: "empty", data: new Uint8Array(0) }]);
    const files = readZip(archive);
    expect([...files.keys()]).toEqual(["text.txt", "sub/noise.bin", "empty"]);
    expect(files.get("text.txt")?.equals(Buffer.from(text))).toBe(true);
    expect(files.get("sub/noise.bin")?.equals(Buffer.from(noise))).toBe(true);
    expect(files.get("empty")?.length).toBe(0);
    expect(archive.length).toBeLessThan(text.length);
    if (hasUnzip) {
      // Info-ZIP, when the machine has it, agrees.
      const file = path.join(dir, "a.zip");
      await writeFile(file, archive);
      execFileSync("unzip", ["-tq", file]);
    }
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
    expect([...readZip(await readFile(out)).keys()]).toEqual(["chunks/w.js", "index.html", "index.js", "manifest.json"]);

    await writeFile(path.join(dist, "manifest.json"), await readFile(path.resolve("manifest.experimental.json")));
    await expect(packageDist(dist, out)).rejects.toThrow(/not publishable/);
  });
});
