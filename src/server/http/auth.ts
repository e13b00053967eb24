import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AuthError } from "../../core/errors";

declare module "fastify" {
  interface FastifyContextConfig {
    /** No token needed (only /health). */
    public?: boolean;
    /** Also accept the token as `x-api-key`, like Segmind (the compatible route). */
    apiKeyHeader?: boolean;
  }
}

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/** Constant-time comparison: hashing first makes the lengths equal. */
export function tokenMatches(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  const apiKey = request.headers["x-api-key"];
  if (request.routeOptions.config.apiKeyHeader && typeof apiKey === "string" && apiKey.trim()) return apiKey.trim();
  return undefined;
}

/**
 * Every route but /health (and CORS preflights, which browsers send without credentials) needs
 * the gateway token. The answer never echoes what was sent.
 */
export function registerAuth(app: FastifyInstance, token: string): void {
  app.addHook("onRequest", async (request) => {
    if (request.method === "OPTIONS" || request.routeOptions.config.public) return;
    const given = presentedToken(request);
    const how = request.routeOptions.config.apiKeyHeader ? "the header x-api-key: <token> (or Authorization: Bearer <token>)" : "the header Authorization: Bearer <token>";
    if (given === undefined)
      throw new AuthError(`This gateway needs its access token: send ${how}. "depth-restyle serve" prints the token on first start and keeps it in gateway.json in its config folder.`);
    if (!tokenMatches(token, given))
      throw new AuthError(`The gateway token is wrong. Copy it again from gateway.json in the gateway's config folder (or the --token it was started with) and paste it into the panel (Generator → Gateway token).`);
  });
}
