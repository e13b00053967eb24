import { createHash, timingSafeEqual } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AuthError, RateLimitError } from "../../core/errors";

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

/** Failed authentications allowed per client address and minute before it gets 429s. */
export const AUTH_FAILURE_LIMIT = { max: 20, windowMs: 60_000 } as const;

/**
 * Every route but /health (and CORS preflights, which browsers send without credentials) needs
 * the gateway token. The answer never echoes what was sent, and closes the connection, so a
 * client still sending a large body cannot keep it open. Failures are counted per client
 * address: past the limit the client gets 429 until the window ends, and the log says so once
 * per window (the address, never the token).
 */
export async function registerAuth(app: FastifyInstance, token: string, limit: { max: number; windowMs: number } = AUTH_FAILURE_LIMIT): Promise<void> {
  await app.register(rateLimit, { global: false });
  const countFailure = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs });
  const warned = new Map<string, number>();
  app.addHook("onRequest", async (request, reply) => {
    if (request.method === "OPTIONS" || request.routeOptions.config.public) return;
    const given = presentedToken(request);
    if (given !== undefined && tokenMatches(token, given)) return;
    reply.header("connection", "close");
    reply.raw.once("finish", () => request.raw.socket?.destroy());
    const counted = await countFailure(request);
    if (!counted.isAllowed && counted.isExceeded) {
      const now = Date.now();
      if ((warned.get(counted.key) ?? 0) <= now) {
        // Forget clients whose window has ended, so many addresses cannot grow this map without bound.
        for (const [key, until] of warned) if (until <= now) warned.delete(key);
        warned.set(counted.key, now + counted.ttl);
        request.log.warn({ client: counted.key, failures: counted.max }, "too many failed authentications; refusing this client until the window ends");
      }
      throw new RateLimitError(`Too many wrong or missing tokens from this address. Wait ${counted.ttlInSeconds} s, then send the right token.`, counted.ttl);
    }
    const how = request.routeOptions.config.apiKeyHeader ? "the header x-api-key: <token> (or Authorization: Bearer <token>)" : "the header Authorization: Bearer <token>";
    if (given === undefined)
      throw new AuthError(`This gateway needs its access token: send ${how}. "depth-restyle serve" prints the token on first start and keeps it in gateway.json in its config folder.`);
    throw new AuthError(`The gateway token is wrong. Copy it again from gateway.json in the gateway's config folder (or the --token it was started with) and paste it into the panel (Generator → Gateway token).`);
  });
}
