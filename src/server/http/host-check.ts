import { isIP } from "node:net";
import type { FastifyInstance } from "fastify";
import { ForbiddenError } from "../../core/errors";
import { originMatcher } from "./cors";

/** The host name of a Host header: without the port, IPv6 brackets kept off. */
export function hostName(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1] as string;
  return header.replace(/:\d+$/, "").toLowerCase();
}

/**
 * Refuses requests addressed to a name that is not the gateway's own (DNS rebinding: a web page
 * whose name is made to resolve to 127.0.0.1 would otherwise reach the gateway as same-origin).
 * IP addresses and localhost are always the gateway's own; other names only when allowed
 * (`--allow-host`, e.g. a tunnel's name; `*.example.com` allows one subdomain level).
 */
export function registerHostCheck(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = originMatcher(allowedHosts);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.host;
    if (header === undefined) return;
    const name = hostName(header);
    if (isIP(name) || name === "localhost" || allowed(name)) return;
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    throw new ForbiddenError(
      `This gateway does not answer requests addressed to "${shown}" (a protection against DNS rebinding). If you reach it through that name (a tunnel or reverse proxy), restart it with --allow-host ${shown}.`,
    );
  });
}
