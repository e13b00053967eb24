import { addressSpaceOf, localNetworkVerdict, type LocalAccess } from "../../../src/core/backends/local-network";

describe("address spaces (Local Network Access draft; MDN 'Local network access')", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["localhost", "loopback"],
    ["gateway.localhost", "loopback"],
    ["[::1]", "loopback"],
    ["10.1.2.3", "local"],
    ["172.16.0.1", "local"],
    ["172.31.255.255", "local"],
    ["192.168.1.20", "local"],
    ["169.254.10.10", "local"],
    ["[fd12:3456::1]", "local"],
    ["[fe80::1]", "local"],
    ["[::ffff:192.168.0.4]", "local"],
    ["studio-pc.local", "local"],
    ["172.32.0.1", "public"],
    ["8.8.8.8", "public"],
    ["[2001:db8::1]", "public"],
    ["[::ffff:8.8.8.8]", "public"],
    ["abc123.wxp.adobe-addons.com", "public"],
    ["my-gpu.trycloudflare.com", "public"],
  ])("%s is %s", (host, space) => {
    expect(addressSpaceOf(host)).toBe(space);
  });
});

describe("whether a failed request may have been blocked by the browser", () => {
  const page = (origin: string, state: LocalAccess) => ({ origin, access: async () => state });
  const published = "https://abc123.wxp.adobe-addons.com";

  test("from a public page to this computer or the LAN, the permission decides", async () => {
    expect(await localNetworkVerdict("http://127.0.0.1:8787/v1/engines", page(published, "denied"))).toBe("blocked");
    expect(await localNetworkVerdict("http://192.168.1.5:8787/v1/engines", page(published, "denied"))).toBe("blocked");
    expect(await localNetworkVerdict("http://127.0.0.1:8787/v1/engines", page(published, "granted"))).toBe("no");
    expect(await localNetworkVerdict("http://127.0.0.1:8787/v1/engines", page(published, "prompt"))).toBe("maybe");
    expect(await localNetworkVerdict("http://127.0.0.1:8787/v1/engines", page(published, "unknown"))).toBe("maybe");
  });

  test("a permission query that throws counts as unknown", async () => {
    expect(await localNetworkVerdict("http://127.0.0.1:8787/", { origin: published, access: async () => Promise.reject(new TypeError("bad name")) })).toBe("maybe");
  });

  test("not involved: a public target (an HTTPS tunnel), a page at least as private as the target, or no page (CLI)", async () => {
    expect(await localNetworkVerdict("https://my-gpu.trycloudflare.com/v1/engines", page(published, "denied"))).toBe("no");
    expect(await localNetworkVerdict("http://127.0.0.1:8787/", page("https://localhost:5241", "denied"))).toBe("no");
    expect(await localNetworkVerdict("http://192.168.1.5:8787/", page("https://localhost:5241", "denied"))).toBe("no");
    expect(await localNetworkVerdict("http://127.0.0.1:8787/", undefined)).toBe("no");
    expect(await localNetworkVerdict("not a url", page(published, "denied"))).toBe("no");
  });

  test("from a LAN page to this computer the permission still applies", async () => {
    expect(await localNetworkVerdict("http://127.0.0.1:8787/", page("https://192.168.1.9", "denied"))).toBe("blocked");
  });
});
