/**
 * `docker build` cannot run in this test environment, so the Dockerfile's contract is checked
 * statically against the code it packages: an unprivileged user, a health check on a route the
 * app really serves without a token, every variable it sets read by the gateway's configuration,
 * and a start command whose entry file exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OPTIONS, parseGatewayConfig, type GatewayConfig } from "../src/server/config";
import { startTestGateway } from "./server/helpers/gateway";

const root = join(import.meta.dirname, "..");
const text = readFileSync(join(root, "Dockerfile"), "utf8");
/** Instructions of the final stage, with line continuations joined. */
const finalStage = text.replace(/\\\n\s*/g, " ").split(/^FROM /m).at(-1)!.split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
const instruction = (name: string) => finalStage.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim());

const env: Record<string, string> = {};
for (const line of instruction("ENV")) for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;

test("the container runs as a user that is not root", () => {
  const users = instruction("USER");
  expect(users.length).toBeGreaterThan(0);
  expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
});

test("every DEPTH_RESTYLE_* variable it sets is read by the configuration, and together they parse", () => {
  const known = new Set(Object.values(OPTIONS).map(({ env }) => env));
  const ours = Object.keys(env).filter((name) => name.startsWith("DEPTH_RESTYLE_"));
  expect(ours.length).toBeGreaterThanOrEqual(4);
  for (const name of ours) expect(known).toContain(name);
  const config = parseGatewayConfig([], env) as GatewayConfig;
  expect(config.host).toBe("0.0.0.0");
  expect(config.tokenFile).toMatch(/^\/run\/secrets\//);
  expect(instruction("EXPOSE")).toContain(String(config.port));
});

test("the health check calls a route the app answers without a token", async () => {
  const [check] = instruction("HEALTHCHECK");
  const path = /\/health\b/.exec(check ?? "")?.[0];
  expect(path).toBe("/health");
  expect(check).toContain("process.env.DEPTH_RESTYLE_PORT");
  const gw = await startTestGateway({ engines: [] });
  try {
    const res = await fetch(`${gw.url}${path}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  } finally {
    await gw.close();
  }
});

test("the start command runs the gateway's entry, which stops on SIGTERM, from files the image copies", () => {
  const cmd = JSON.parse(instruction("CMD").at(-1)!) as string[];
  const entry = cmd.find((arg) => /\.[cm]?[jt]s$/.test(arg))!;
  expect(existsSync(join(root, entry))).toBe(true);
  expect(readFileSync(join(root, entry), "utf8")).toMatch(/SIGTERM/);
  expect(instruction("COPY").some((line) => line.startsWith(`${entry.split("/")[0]} `))).toBe(true);
  expect(readFileSync(join(root, ".dockerignore"), "utf8").split("\n")).toContain("node_modules");
});
