/**
 * `npm start`: the add-on dev server on https://localhost:5241 (webpack in watch mode, dist/
 * served over HTTPS with CORS for Express) together with the local gateway (`npm run gateway`).
 * Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import webpack, { type Configuration } from "webpack";
import { devCertificate } from "./dev-cert";
import { startStaticServer } from "./static-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.PORT ?? 5241);

function prefixed(child: ChildProcess, label: string): void {
  const write = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line) stream.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on("data", write(process.stdout));
  child.stderr?.on("data", write(process.stderr));
}

async function main(): Promise<void> {
  const configs: Configuration[] = (await import(pathToFileURL(path.join(root, "webpack.config.js")).href)).default;
  const compiler = webpack(configs);
  const watching = compiler.watch({ aggregateTimeout: 300 }, (error, stats) => {
    if (error) console.error("[webpack]", error);
    else if (stats) console.log(`[webpack] ${stats.hasErrors() ? stats.toString("errors-only") : "built dist/"}`);
  });

  const cert = await devCertificate(path.join(root, "node_modules/.cache/depth-restyle-cert"));
  const server = await startStaticServer({ root: path.join(root, "dist"), port: PORT, key: cert.key, cert: cert.cert });
  console.log(`[addon] serving dist/ on https://localhost:${PORT} (${cert.source} certificate)`);
  if (cert.source === "self-signed")
    console.log(`[addon] open https://localhost:${PORT}/manifest.json once and trust the certificate, or run: npx @adobe/ccweb-add-on-ssl setup --hostname localhost`);
  console.log("[addon] in Express: Add-ons → Your add-ons → Add-on development → enter the URL above");

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
    server.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
