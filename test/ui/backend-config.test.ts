import { BackendConfigSchema, DEFAULT_BACKEND_CONFIG, backendProblem, urlProblem } from "../../src/ui/logic/backend-config";

describe("backend configuration", () => {
  it("needs a Segmind key before the cloud path can run", () => {
    expect(backendProblem(DEFAULT_BACKEND_CONFIG, { segmindKey: "  ", gatewayToken: "" })).toMatch(/Segmind API key/);
    expect(backendProblem(DEFAULT_BACKEND_CONFIG, { segmindKey: "sg_123", gatewayToken: "" })).toBeNull();
  });

  it("accepts https anywhere and plain http only on this computer", () => {
    expect(urlProblem("https://api.segmind.com", "Base URL")).toBeNull();
    expect(urlProblem("http://127.0.0.1:9999", "Base URL")).toBeNull();
    expect(urlProblem("http://localhost:8787", "Base URL")).toBeNull();
    expect(urlProblem("http://192.168.1.5:8787", "Gateway URL")).toMatch(/https/);
    expect(urlProblem("ftp://x", "Gateway URL")).toMatch(/https/);
    expect(urlProblem("not a url", "Gateway URL")).toMatch(/not a web address/);
  });

  it("needs the gateway token and a valid gateway URL when the gateway is chosen", () => {
    const gateway = { ...DEFAULT_BACKEND_CONFIG, kind: "gateway" as const };
    expect(backendProblem(gateway, { segmindKey: "", gatewayToken: "" })).toMatch(/gateway token/);
    expect(backendProblem({ ...gateway, gatewayUrl: "nope" }, { segmindKey: "", gatewayToken: "t" })).toMatch(/gateway address/);
    expect(backendProblem(gateway, { segmindKey: "", gatewayToken: "t" })).toBeNull();
  });

  it("repairs a stored configuration field by field instead of dropping it", () => {
    expect(BackendConfigSchema.parse({ kind: "mystery", segmindBaseUrl: "http://127.0.0.1:1", remember: "yes" })).toEqual({
      kind: "segmind",
      segmindBaseUrl: "http://127.0.0.1:1",
      gatewayUrl: DEFAULT_BACKEND_CONFIG.gatewayUrl,
      gatewayEngine: "comfyui",
      remember: false,
    });
  });
});
