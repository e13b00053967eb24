import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { GatewayConfigSchema, OPTIONS } from "../../src/server/config";
import type { CliIo } from "../../src/cli/io";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "serve-options-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}) {
  const controller = new AbortController();
  let out = "";
  let err = "";
  const streams: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { DEPTH_RESTYLE_CONFIG_DIR: dir, DEPTH_RESTYLE_LOG_LEVEL: "silent", ...env }, signal: controller.signal };
  return { streams, stop: () => controller.abort(), out: () => out, err: () => err };
}

/** Runs `serve` in-process until it prints where it listens; returns that URL and a way to stop it. */
async function serve(argv: string[], env: Record<string, string> = {}) {
  const run = io(env);
  const exit = main(["serve", "--port", "0", "--comfy", "http://127.0.0.1:9", ...argv], run.streams);
  for (let i = 0; i < 200 && !/listening on (http:\S+)/.test(run.out()); i++) await new Promise((r) => setTimeout(r, 25));
  const url = /listening on (http:\S+)/.exec(run.out())?.[1];
  if (!url) throw new Error(`did not start: ${run.out()}${run.err()}`);
  return { url, run, stop: async () => (run.stop(), await exit) };
}

test("--host 0.0.0.0 says it listens on every interface, names the addresses others use, and warns", async () => {
  const gw = await serve(["--host", "0.0.0.0"]);
  try {
    expect(gw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gw.run.out()).toMatch(/Listening on every network interface \(0\.0\.0\.0\); other computers reach it at /);
    expect(gw.run.err()).toMatch(/^Warning: --host 0\.0\.0\.0 lets other computers on your networks reach this gateway/);
    expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  } finally {
    await gw.stop();
  }
});

test("the default host stays quiet: this computer only, no warning", async () => {
  const gw = await serve([]);
  try {
    expect(gw.run.out()).not.toMatch(/every network interface/);
    expect(gw.run.err()).toBe("");
  } finally {
    await gw.stop();
  }
});

test.each([
  [["--host", "no-such-host.invalid"], 1, /^Error: Cannot listen on --host no-such-host\.invalid \(\w+\): it is not an address of this computer\. Use 127\.0\.0\.1/],
  [["--host", "http://127.0.0.1:8787"], 2, /--host must be a listen address like 127\.0\.0\.1/],
  [["--host", "203.0.113.9"], 1, /^Error: Cannot listen on --host 203\.0\.113\.9 \(EADDRNOTAVAIL\)/],
])("a bad --host %j is a clear message, never a stack trace", async (argv, code, message) => {
  const run = io();
  expect(await main(["serve", "--port", "0", ...argv], run.streams)).toBe(code);
  expect(run.err()).toMatch(message);
  expect(run.err()).not.toMatch(/\n\s+at /);
});

test("the token can come from a file (a Docker secret): DEPTH_RESTYLE_TOKEN_FILE", async () => {
  const file = join(dir, "token");
  await writeFile(file, "secret-from-a-file-0123456789\n");
  const gw = await serve([], { DEPTH_RESTYLE_TOKEN_FILE: file });
  try {
    expect((await fetch(`${gw.url}/v1/engines`, { headers: { authorization: "Bearer secret-from-a-file-0123456789" } })).status).toBe(200);
    expect(gw.run.out()).not.toContain("secret-from-a-file");
  } finally {
    await gw.stop();
  }
});

test("an unreadable or too short token file is a clear message", async () => {
  const run = io({ DEPTH_RESTYLE_TOKEN_FILE: join(dir, "missing") });
  expect(await main(["serve", "--port", "0"], run.streams)).toBe(1);
  expect(run.err()).toMatch(/Cannot read the token file .*missing \(ENOENT\)/);
  await writeFile(join(dir, "short"), "abc");
  const short = io({ DEPTH_RESTYLE_TOKEN_FILE: join(dir, "short") });
  expect(await main(["serve", "--port", "0"], short.streams)).toBe(1);
  expect(short.err()).toMatch(/at least 16 characters/);
});

test("--help has a line for every setting of the gateway's config schema, with its variable and the schema's own default", async () => {
  const run = io();
  expect(await main(["serve", "--help"], run.streams)).toBe(0);
  const help = run.out();
  const rows = Object.entries(OPTIONS);
  expect(rows.map(([, o]) => o.key).sort()).toEqual(Object.keys(GatewayConfigSchema.shape).sort());
  for (const [flag, option] of rows) {
    const line = help.split("\n").find((l) => new RegExp(`^--${flag}(\\s|$)`).test(l.trimStart()));
    expect(line).toBeDefined();
    expect(line).toContain(option.env);
  }
  const defaults = GatewayConfigSchema.parse({ configDir: dir });
  expect(help).toMatch(new RegExp(`--port PORT .*default ${defaults.port}\\)`));
  expect(help).toMatch(new RegExp(`--queue-limit N .*default ${defaults.queueLimit}\\)`));
  expect(help).toContain(`default ${defaults.comfy.join(",")}`);
  expect(help).toContain(`default ${defaults.checkpoint}`);
});
