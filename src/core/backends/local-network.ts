/**
 * Chrome's Local Network Access: a page on a public origin (a published add-on,
 * https://…wxp.adobe-addons.com) needs the user's permission to reach this computer (loopback) or
 * its network (local); a cross-origin iframe only when its parent delegates it. A blocked request
 * and a gateway that is not running both reject fetch with the same bare TypeError, so the panel
 * tells them apart from the address spaces involved and the permission's state.
 * Address spaces as in the WICG Local Network Access draft and MDN "Local network access".
 */
export type AddressSpace = "loopback" | "local" | "public";
export type LocalAccess = "granted" | "denied" | "prompt" | "unknown";

/** Where the panel runs and how it may ask the browser about the permission (injected by the UI). */
export interface PageNetwork {
  origin: string;
  access(space: Exclude<AddressSpace, "public">): Promise<LocalAccess>;
}

/** "blocked": the permission is denied; "maybe": it could be either; "no": Local Network Access is not involved. */
export type LocalNetworkVerdict = "blocked" | "maybe" | "no";

function ipv4Space(parts: number[]): AddressSpace {
  const [a = 0, b = 0] = parts;
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return "local";
  return "public";
}

function ipv6Space(address: string): AddressSpace {
  const lower = address.toLowerCase();
  if (lower === "::1") return "loopback";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return ipv4Space(mapped[1]!.split(".").map(Number));
  // Local: everything outside ::1, 2000::/3 (global unicast) and ff00::/8 (multicast).
  const first = parseInt(lower.split(":")[0] || "0", 16);
  return (first & 0xe000) === 0x2000 || (first & 0xff00) === 0xff00 ? "public" : "local";
}

/** The address space of a URL's hostname, from what the name itself says; other names count as public. */
export function addressSpaceOf(hostname: string): AddressSpace {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") && host.endsWith("]")) return ipv6Space(host.slice(1, -1));
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return ipv4Space(host.split(".").map(Number));
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (host.endsWith(".local")) return "local";
  return "public";
}

const PRIVACY: Record<AddressSpace, number> = { public: 0, local: 1, loopback: 2 };

function spaceOfUrl(url: string): AddressSpace | undefined {
  try {
    return addressSpaceOf(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** Whether a failed request from `page` to `targetUrl` may have been refused by Local Network Access. */
export async function localNetworkVerdict(targetUrl: string, page: PageNetwork | undefined): Promise<LocalNetworkVerdict> {
  const target = spaceOfUrl(targetUrl);
  const from = page && spaceOfUrl(page.origin);
  // Only a request to a more private address space than the page's own is gated.
  if (!target || target === "public" || !page || !from || PRIVACY[from] >= PRIVACY[target]) return "no";
  let access: LocalAccess;
  try {
    access = await page.access(target);
  } catch {
    access = "unknown";
  }
  return access === "denied" ? "blocked" : access === "granted" ? "no" : "maybe";
}
