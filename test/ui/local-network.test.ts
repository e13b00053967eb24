import { browserPageNetwork } from "../../src/ui/local-network";

/** navigator.permissions of a browser that knows only `known` names (others reject with TypeError, as Chrome does). */
function permissions(known: Record<string, string>, asked: string[] = []) {
  return {
    query: async ({ name }: { name: string }) => {
      asked.push(name);
      if (!(name in known)) throw new TypeError(`The provided value '${name}' is not a valid enum value of type PermissionName.`);
      return { state: known[name]! };
    },
  };
}

const origin = "https://abc123.wxp.adobe-addons.com";

test("asks for loopback-network (or local-network) first, as the draft names them", async () => {
  const asked: string[] = [];
  const page = browserPageNetwork({ origin, permissions: permissions({ "loopback-network": "denied", "local-network": "granted" }, asked) })!;
  expect(await page.access("loopback")).toBe("denied");
  expect(await page.access("local")).toBe("granted");
  expect(asked).toEqual(["loopback-network", "local-network"]);
});

test("falls back to Chrome 142's local-network-access", async () => {
  const page = browserPageNetwork({ origin, permissions: permissions({ "local-network-access": "prompt" }) })!;
  expect(await page.access("loopback")).toBe("prompt");
  expect(await page.access("local")).toBe("prompt");
});

test("unknown when the browser knows no such permission, has no permission API, or answers an unexpected state", async () => {
  expect(await browserPageNetwork({ origin, permissions: permissions({}) })!.access("loopback")).toBe("unknown");
  expect(await browserPageNetwork({ origin, permissions: undefined })!.access("loopback")).toBe("unknown");
  expect(await browserPageNetwork({ origin, permissions: permissions({ "loopback-network": "weird" }) })!.access("loopback")).toBe("unknown");
});

test("no page outside a browser or in an opaque origin", () => {
  expect(browserPageNetwork({ origin: undefined, permissions: undefined })).toBeUndefined();
  expect(browserPageNetwork({ origin: "null", permissions: undefined })).toBeUndefined();
});
