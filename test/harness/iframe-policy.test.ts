import { iframeAllow, iframeSandbox } from "./browser/iframe-policy";

const manifest = (permissions?: Record<string, unknown>) => ({
  manifestVersion: 2,
  entryPoints: [{ type: "panel", id: "p", main: "index.html", ...(permissions ? { permissions } : {}) }],
});

describe("the panel iframe's attributes, as Express sets them", () => {
  it("allows scripts and same-origin only, unless the manifest's panel entry asks for more", () => {
    expect(iframeSandbox(manifest())).toBe("allow-scripts allow-same-origin");
    expect(iframeAllow(manifest())).toBe("");
    const asking = manifest({ sandbox: ["allow-popups", "allow-downloads", "allow-scripts"], clipboard: ["clipboard-write"], microphone: "*" });
    expect(iframeSandbox(asking)).toBe("allow-scripts allow-same-origin allow-popups allow-downloads");
    expect(iframeAllow(asking)).toBe("clipboard-write; microphone");
  });

  it("ignores permissions of other entry points", () => {
    const other = { manifestVersion: 2, entryPoints: [{ type: "command", id: "c", permissions: { sandbox: ["allow-popups"] } }, { type: "panel", id: "p" }] };
    expect(iframeSandbox(other)).toBe("allow-scripts allow-same-origin");
  });
});
