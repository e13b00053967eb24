import type { NetworkInterfaceInfo } from "node:os";

export interface ListenAddresses {
  /** URLs other computers can use: one per external address of this machine. */
  others: string[];
}

/**
 * Where a gateway listening on a wildcard address (0.0.0.0, ::) is really reachable; undefined
 * for a specific address, which the listen URL already names.
 */
export function listenAddresses(host: string, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, scheme: "http" | "https" = "http"): ListenAddresses | undefined {
  if (host !== "0.0.0.0" && host !== "::") return undefined;
  const all = Object.values(interfaces).flatMap((list) => list ?? []);
  const external = all.filter((info) => !info.internal && (host === "::" || info.family === "IPv4") && !info.address.startsWith("fe80"));
  return { others: external.map((info) => (info.family === "IPv6" ? `${scheme}://[${info.address}]:${port}` : `${scheme}://${info.address}:${port}`)) };
}
