/**
 * `npm start`: webpack in watch mode, the add-on served on https://localhost:5241 the way Adobe's
 * `ccweb-add-on-scripts start` serves it (scripts/dev-server), Express told to reload after each
 * rebuild, and the local gateway (`npm run gateway`). Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import webpack, { type Configuration } from "webpack";
import { defaultConfigDir } from "../src/server/config";
import { localCertDir } from "../src/server/local-cert";
import { devCertificate } from "./dev-cert";
import { readDistManifest } from "./dev-server/dist-files";
import { DevManifestSchema } from "./dev-server/protocol";
import { rebuildMessage } from "./dev-server/rebuild";
import { startDevServer, type DevServer } from "./dev-server/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.PORT ?? 5241);
const HOST = "localhost";
const URL_SHOWN = `https://${HOST}:${PORT}`;
const manifestFile = process.env.DEPTH_RESTYLE_EXPERIMENTAL === "1" ? "manifest.experimental.json" : "manifest.json";

function prefixed(child: ChildProcess, label: string): void {
  const write = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line) stream.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on("data", write(process.stdout));
  child.stderr?.on("data", write(process.stderr));
}

async function main(): Promise<void> {
  const configs: Configuration[] = (await import(pathToFileURL(path.join(root, "webpack.config.js")).href)).default;
  const dist = configs[0]?.output?.path ?? path.join(root, "dist");
  const source = DevManifestSchema.parse(JSON.parse(readFileSync(path.join(root, manifestFile), "utf8")));
  const cert = await devCertificate(localCertDir(defaultConfigDir(process.env)), URL_SHOWN, HOST);
  let server: DevServer | undefined;

  const watching = webpack(configs).watch({ aggregateTimeout: 300 }, (error, stats) => {
    if (error || !stats) return void console.error("[webpack]", error);
    const built = !stats.hasErrors();
    console.log(`[webpack] ${built ? `built ${path.relative(root, dist)}/` : stats.toString("errors-only")}`);
    const manifest = readDistManifest(dist);
    if (!manifest.ok) console.error(`[addon] ${manifest.problems.join("\n[addon] ")}`);
    if (server) return void server.broadcast(rebuildMessage({ root, dist, manifestFile, testId: source.testId }, stats));
    // Like Adobe's `start`: serve once the first build is done.
    if (!built) return;
    void startDevServer({ dist, addOn: { testId: source.testId, version: source.version }, port: PORT, host: HOST, key: cert.key, cert: cert.cert }).then(
      (started) => {
        server = started;
        console.log(`[addon] ${source.name ?? source.testId} is served on ${URL_SHOWN} (${cert.source} certificate)`);
        if (cert.advice) console.log(`[addon] ${cert.advice.split("\n").join("\n[addon] ")}`);
        console.log(`[addon] In Express: Settings → Add-on Development on (once); in a document: Add-ons → Your add-ons → Add-on testing → ${URL_SHOWN} → Connect`);
      },
      (failure: unknown) => {
        console.error(`[addon] could not listen on ${URL_SHOWN}: ${failure instanceof Error ? failure.message : String(failure)} (is another npm start running? set PORT=… to use another port)`);
        process.exitCode = 1;
      },
    );
  });

  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {};
  let gateway: ChildProcess | undefined;
  if (scripts.gateway) {
    gateway = spawn("npm", ["run", "--silent", "gateway"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    prefixed(gateway, "gateway");
    gateway.on("exit", (code) => console.log(`[gateway] exited (${code ?? "signal"})`));
  } else console.log("[gateway] no `gateway` script in package.json: only the add-on is served");

  const stop = () => {
    gateway?.kill("SIGTERM");
    watching?.close(() => {});
    void server?.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
