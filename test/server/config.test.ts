import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValidationError } from "../../src/core/errors";
import { DEFAULT_COMFY_URL, defaultConfigDir, parseGatewayConfig, type GatewayConfig } from "../../src/server/config";
import { loadOrCreateToken } from "../../src/server/token-store";

const parse = (argv: string[], env: Record<string, string> = {}) => parseGatewayConfig(argv, { HOME: "/home/u", ...env }) as GatewayConfig;

describe("gateway configuration", () => {
  test("defaults: loopback only, port 8787, one local ComfyUI, the documented models", () => {
    expect(parse([])).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      comfy: [DEFAULT_COMFY_URL],
      checkpoint: "SSD-1B.safetensors",
      preprocessor: "DepthAnythingV2Preprocessor",
      queueLimit: 32,
      bodyLimitMb: 32,
      configDir: "/home/u/.config/depth-restyle",
    });
    expect(parse([]).token).toBeUndefined();
  });

  test("flags win over DEPTH_RESTYLE_* variables; lists come comma-separated from the environment", () => {
    const env = { DEPTH_RESTYLE_PORT: "9000", DEPTH_RESTYLE_COMFY: "http://10.0.0.2:8188, http://10.0.0.3:8188", DEPTH_RESTYLE_TOKEN: "env-token-0123456789", DEPTH_RESTYLE_CHECKPOINT: "env.safetensors" };
    expect(parse([], env)).toMatchObject({ port: 9000, comfy: ["http://10.0.0.2:8188", "http://10.0.0.3:8188"], token: "env-token-0123456789", checkpoint: "env.safetensors" });
    const flags = ["--port", "9100", "--comfy", "http://127.0.0.1:8190", "--comfy", "http://127.0.0.1:8191", "--token", "flag-token-0123456789", "--checkpoint", "a.safetensors", "--controlnet", "b.safetensors", "--host", "0.0.0.0"];
    expect(parse(flags, env)).toMatchObject({ port: 9100, comfy: ["http://127.0.0.1:8190", "http://127.0.0.1:8191"], token: "flag-token-0123456789", checkpoint: "a.safetensors", controlnet: "b.safetensors", host: "0.0.0.0" });
  });

  test("private image URLs stay refused unless --allow-private-image-urls or its variable says so", () => {
    expect(parse([]).allowPrivateImageUrls).toBe(false);
    expect(parse(["--allow-private-image-urls"]).allowPrivateImageUrls).toBe(true);
    expect(parse([], { DEPTH_RESTYLE_ALLOW_PRIVATE_IMAGE_URLS: "1" }).allowPrivateImageUrls).toBe(true);
    expect(parse([], { DEPTH_RESTYLE_ALLOW_PRIVATE_IMAGE_URLS: "0" }).allowPrivateImageUrls).toBe(false);
  });

  test("XDG_CONFIG_HOME decides where the token lives; --config-dir overrides it", () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: "/x" })).toBe("/x/depth-restyle");
    expect(parse(["--config-dir", "/tmp/c"], { XDG_CONFIG_HOME: "/x" }).configDir).toBe("/tmp/c");
  });

  test.each([
    [["--port", "70000"], /--port must be at most 65535/],
    [["--port", "abc"], /--port must be a whole number/],
    [["--comfy", "ftp://x"], /--comfy must be an http\(s\) URL/],
    [["--token", "short"], /--token must be at least 16 characters/],
    [["--preprocessor", "Canny"], /preprocessor must be one of/],
    [["--allow-origin", "https://x.com/path"], /allowed origin looks like/],
    [["--allow-host", "https://tunnel.example"], /allowed host is a name like/],
    [["--max-connections", "0"], /--max-connections must be at least 1/],
    [["--host", "0.0.0.0:8787"], /--host must be a listen address/],
  ])("%j is refused with a ValidationError naming the flag", (argv, message) => {
    expect(() => parse(argv)).toThrow(ValidationError);
    expect(() => parse(argv)).toThrow(message);
  });

  test("exposure settings come from flags or DEPTH_RESTYLE_* variables, with safe defaults", () => {
    expect(parse([])).toMatchObject({ allowedHosts: [], maxConnections: 256, resultStoreMb: 512 });
    expect(parse([], { DEPTH_RESTYLE_ALLOWED_HOSTS: "gpu.example.com, *.tunnel.example", DEPTH_RESTYLE_TOKEN_FILE: "/run/secrets/t", DEPTH_RESTYLE_MAX_CONNECTIONS: "64" })).toMatchObject({
      allowedHosts: ["gpu.example.com", "*.tunnel.example"],
      tokenFile: "/run/secrets/t",
      maxConnections: 64,
    });
    expect(parse(["--allow-host", "a.example", "--allow-host", "b.example", "--result-store-mb", "100"])).toMatchObject({ allowedHosts: ["a.example", "b.example"], resultStoreMb: 100 });
  });

  test("an unknown flag is refused", () => {
    expect(() => parse(["--nope"])).toThrow(/Unknown option '--nope'/);
  });
});

describe("token store", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "gw-token-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test("first start creates a random token readable only by the user; later starts reuse it", async () => {
    const configDir = join(dir, "depth-restyle");
    const first = await loadOrCreateToken(configDir);
    expect(first.origin).toBe("created");
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(first.path, "utf8"))).toEqual({ token: first.token });
    const again = await loadOrCreateToken(configDir);
    expect(again).toEqual({ ...first, origin: "stored" });
    expect((await loadOrCreateToken(join(dir, "other"))).token).not.toBe(first.token);
  });

  test("a configured token wins and nothing is written", async () => {
    const source = await loadOrCreateToken(dir, "configured-token-123456");
    expect(source).toMatchObject({ token: "configured-token-123456", origin: "configured" });
    await expect(stat(source.path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("a corrupt token file is reported with the fix", async () => {
    await writeFile(join(dir, "gateway.json"), "{ not json");
    await expect(loadOrCreateToken(dir)).rejects.toThrow(/Delete it to have a new token created, or pass --token/);
  });
});

test("two gateways starting at once end up with the same stored token", async () => {
  const dir = await mkdtemp(join(tmpdir(), "gw-race-"));
  try {
    const [a, b] = await Promise.all([loadOrCreateToken(dir), loadOrCreateToken(dir)]);
    expect(a.token).toBe(b.token);
    expect([a.origin, b.origin].sort()).toEqual(["created", "stored"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
