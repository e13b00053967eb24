import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";
import { ForbiddenError } from "../../core/errors";

/** Express's add-on dev server and the origins published add-ons are served from. */
export const DEFAULT_ORIGINS = ["https://localhost:5241", "https://*.wxp.adobe-addons.com"] as const;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "https://*.example.com" matches exactly one subdomain label; other patterns match exactly (case-insensitive). */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const regexes = patterns.map((p) => new RegExp(`^${escape(p.toLowerCase().replace(/\/+$/, "")).replace("\\*\\.", "[a-z0-9-]+\\.")}$`));
  return (origin) => regexes.some((r) => r.test(origin.toLowerCase()));
}

/**
 * CORS for the allowlist only: a request from any other web origin is refused with a typed 403
 * (requests without Origin — CLI, scripts — are not browsers and pass). Chrome's Private Network
 * Access preflight (a public add-on origin calling 127.0.0.1) is answered for allowed origins.
 */
export async function registerCors(app: FastifyInstance, extraOrigins: readonly string[]): Promise<void> {
  const allowed = originMatcher([...DEFAULT_ORIGINS, ...extraOrigins]);
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (request.method === "OPTIONS" && request.headers["access-control-request-private-network"] === "true" && typeof origin === "string" && allowed(origin))
      reply.header("access-control-allow-private-network", "true");
  });
  await app.register(cors, {
    origin: (origin, callback) => {
      if (origin === undefined || allowed(origin)) return callback(null, true);
      callback(
        new ForbiddenError(`Web pages from ${origin} may not use this gateway. If that is your add-on, restart the gateway with --allow-origin ${origin}.`),
        false,
      );
    },
    methods: ["GET", "POST", "DELETE", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "x-api-key", "accept", "last-event-id"],
    exposedHeaders: ["retry-after", "x-rate-limit-reset-at-utc", "x-remaining-credits", "x-credits-consumed"],
    maxAge: 600,
    strictPreflight: true,
  });
}
