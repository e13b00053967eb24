import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import CopyWebpackPlugin from "copy-webpack-plugin";
import webpack, { type MultiStats } from "webpack";
import { rebuildMessage } from "../../scripts/dev-server/rebuild";

const repo = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A two-bundle project shaped like ours (panel + sandbox, the manifest copied into dist/), watched
 * by real webpack; each rebuild's message is what `npm start` broadcasts to Express.
 */
describe("reload message after a rebuild (npm start's webpack watch)", () => {
  let root = "";
  let watching: { close(callback: () => void): void } | undefined;
  let waiting: ((stats: MultiStats) => void) | undefined;
  const nextBuild = () => new Promise<MultiStats>((resolve) => (waiting = resolve));

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "depth-restyle-watch-"));
    await mkdir(path.join(root, "src"), { recursive: true });
    await copyFile(path.join(repo, "manifest.json"), path.join(root, "manifest.json"));
    await writeFile(path.join(root, "src/index.html"), "<!doctype html><script type=module src=index.js></script>");
    await writeFile(path.join(root, "src/panel.js"), "export const panel = 1;\n");
    await writeFile(path.join(root, "src/code.js"), "export const sandbox = 1;\n");
    const common = { mode: "development" as const, devtool: false as const, context: root, output: { path: path.join(root, "dist") }, infrastructureLogging: { level: "none" as const } };
    const compiler = webpack([
      {
        ...common,
        name: "panel",
        entry: { index: "./src/panel.js" },
        plugins: [new CopyWebpackPlugin({ patterns: [{ from: "manifest.json" }, { from: "src/index.html" }] })],
      },
      { ...common, name: "sandbox", entry: { code: "./src/code.js" } },
    ]);
    const first = nextBuild();
    watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
      if (error || !stats) throw error ?? new Error("no stats");
      waiting?.(stats);
    });
    await first;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((done) => (watching ? watching.close(() => done()) : done()));
    await rm(root, { recursive: true, force: true });
  });

  const context = () => ({ root, dist: path.join(root, "dist"), manifestFile: "manifest.json", testId: "depth-restyle" });
  async function after(change: () => Promise<void>) {
    const built = nextBuild();
    await change();
    return JSON.parse(rebuildMessage(context(), await built));
  }

  it("names the changed source file, relative to the project, and says the build succeeded", async () => {
    const message = await after(() => writeFile(path.join(root, "src/code.js"), "export const sandbox = 2;\n"));
    expect(message).toEqual({
      messageVersion: 1,
      id: "depth-restyle",
      action: "SourceCodeChanged",
      payload: { changedFiles: ["src/code.js"], isBuildSuccessful: true, isManifestChanged: false },
    });
  });

  it("flags a manifest change and carries the new manifest", async () => {
    const manifest = JSON.parse(await readFile(path.join(root, "manifest.json"), "utf8"));
    const message = await after(() => writeFile(path.join(root, "manifest.json"), JSON.stringify({ ...manifest, version: "0.2.0" })));
    expect(message.payload).toMatchObject({ changedFiles: ["manifest.json"], isBuildSuccessful: true, isManifestChanged: true, manifest: { version: "0.2.0", testId: "depth-restyle" } });
  });

  it("reports a failed build", async () => {
    const message = await after(() => writeFile(path.join(root, "src/panel.js"), "export const = ;\n"));
    expect(message.payload).toEqual({ changedFiles: ["src/panel.js"], isBuildSuccessful: false, isManifestChanged: false });
  });
});
