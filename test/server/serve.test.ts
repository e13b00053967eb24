import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeComfy, type FakeComfy } from "../fakes/comfyui-server";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Starts a command in a child process and resolves with the URL it prints once it listens. */
function start(args: string[], env: Record<string, string>): { child: ChildProcess; url: Promise<string>; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
    void exit.then((code) => reject(new Error(`exited with ${code} before listening:\n${text}`)));
  });
  return { child, url, output: () => text, exit };
}

let dir: string;
let fake: FakeComfy;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "gw-serve-"));
  fake = await startFakeComfy();
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

test("`depth-restyle serve` starts, creates and prints the token, answers /health and /v1/engines, stops on Ctrl-C", async () => {
  const run = start(["bin/depth-restyle.js", "serve", "--port", "0", "--comfy", fake.url, "--log-level", "warn"], { XDG_CONFIG_HOME: dir });
  try {
    const url = await run.url;
    expect((await (await fetch(`${url}/health`)).json()) as object).toMatchObject({ ok: true });
    const { token } = JSON.parse(await readFile(join(dir, "depth-restyle", "gateway.json"), "utf8")) as { token: string };
    expect(run.output()).toContain(token);
    expect(run.output()).toMatch(/Paste it into the add-on/);
    const engines = await fetch(`${url}/v1/engines`, { headers: { authorization: `Bearer ${token}` } });
    expect(await engines.json()).toMatchObject({ engines: [{ kind: "comfyui", url: fake.url, reachable: true, missingModels: [], missingNodes: [] }] });
  } finally {
    run.child.kill("SIGINT");
  }
  expect(await run.exit).toBe(0);
  expect(run.output()).toMatch(/Stopping the gateway/);
}, 60_000);

test("`npm run gateway`'s entry takes DEPTH_RESTYLE_* settings and stops cleanly on SIGTERM; the stored token is not printed again", async () => {
  const env = { DEPTH_RESTYLE_CONFIG_DIR: dir, DEPTH_RESTYLE_PORT: "0", DEPTH_RESTYLE_COMFY: fake.url, DEPTH_RESTYLE_LOG_LEVEL: "warn" };
  const first = start(["bin/depth-restyle.js", "serve"], env);
  await first.url;
  first.child.kill("SIGTERM");
  expect(await first.exit).toBe(0);
  const { token } = JSON.parse(await readFile(join(dir, "gateway.json"), "utf8")) as { token: string };
  const second = start(["bin/depth-restyle.js", "serve"], env);
  try {
    const url = await second.url;
    const res = await fetch(`${url}/v1/engines`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(second.output()).not.toContain(token);
    expect(second.output()).toMatch(/the one stored in/);
  } finally {
    second.child.kill("SIGTERM");
  }
  expect(await second.exit).toBe(0);
}, 60_000);

test("a bad flag exits with the usage code and names the flag", async () => {
  const run = start(["bin/depth-restyle.js", "serve", "--port", "99999"], { XDG_CONFIG_HOME: dir });
  await expect(run.url).rejects.toThrow(/--port must be at most 65535/);
  expect(await run.exit).toBe(2);
}, 60_000);
