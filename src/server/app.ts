import { randomUUID } from "node:crypto";
import multipart from "@fastify/multipart";
import sse from "@fastify/sse";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from "fastify";
import { ValidationError } from "../core/errors";
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_RESULT_STORE_MB, type GatewayConfig } from "./config";
import type { Engine } from "./engines/engine";
import { registerAuth } from "./http/auth";
import { registerCors } from "./http/cors";
import { registerHostCheck } from "./http/host-check";
import { assertFewJsonFields } from "./http/json-guard";
import { toFailure } from "./http/errors";
import { privateAddresses } from "./http/image-url";
import { JobService } from "./jobs/service";
import { registerEngineRoutes } from "./routes/engines";
import { registerEventRoutes } from "./routes/events";
import { multipartLimits } from "./routes/job-upload";
import { registerJobRoutes } from "./routes/jobs";
import { JOB_ROUTE_SCHEMAS } from "./routes/openapi-schemas";
import { registerSegmindRoute } from "./routes/segmind-compat";
import { gatewayVersion } from "./version";

/** What buildApp needs of the configuration; the token is resolved (given or stored) beforehand. */
export type AppConfig = Pick<GatewayConfig, "queueLimit" | "bodyLimitMb" | "allowedOrigins" | "jobTimeoutSec" | "resultTtlSec" | "requestTimeoutSec"> &
  Partial<Pick<GatewayConfig, "allowedHosts" | "maxConnections" | "resultStoreMb">> & {
    token: string;
    /** Let image URLs on the Segmind-compatible route lead to loopback / private addresses. */
    allowPrivateImageUrls?: boolean;
  };

/** The engines get --job-timeout itself; the scheduler's backstop waits this much longer. */
const ENGINE_TIMEOUT_MARGIN_MS = 5000;

/** Segmind-compatible `image` URLs: downloaded within this time (the size cap is the body limit). */
const IMAGE_URL_TIMEOUT_MS = 30_000;

export interface AppDeps {
  engines: readonly Engine[];
  now?: () => number;
  newId?: () => string;
  random?: () => number;
  logger?: FastifyBaseLogger;
  /** Serve HTTPS with this certificate (server/tls.ts). */
  tls?: { key: string; cert: string };
  /** Tests shorten these; defaults suit real GPUs. */
  abortGraceMs?: number;
  statusTimeoutMs?: number;
  heartbeatMs?: number;
}

export type GatewayApp = FastifyInstance & { jobs: JobService };

/** The whole HTTP gateway, ready for `listen` or `inject`. Closing it cancels every job and closes the engines. */
export async function buildApp(config: AppConfig, deps: AppDeps): Promise<GatewayApp> {
  const bodyLimit = config.bodyLimitMb * 1024 * 1024;
  const app = Fastify({
    ...(deps.tls ? { https: deps.tls } : {}),
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit,
    requestTimeout: config.requestTimeoutSec * 1000,
    // Node enforces requestTimeout only while headersTimeout is not longer, and checks it on an
    // interval (30 s by default) that a short limit must undercut.
    http: {
      headersTimeout: Math.min(60_000, config.requestTimeoutSec * 1000),
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, (config.requestTimeoutSec * 1000) / 4)),
    },
    // Router errors (a malformed %-escape, a path parameter longer than 100 characters) in the gateway's error shape, without echoing the URL.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      const what = tooLong ? "a part of the address is too long" : "the address is not valid (a malformed %-escape?)";
      const failure = toFailure(new ValidationError(`The request could not be routed: ${what}. See /docs/json for the API.`), bodyLimit);
      void (reply as FastifyReply).code(tooLong ? 414 : 400).send({ error: failure.payload });
    },
    return503OnClosing: true,
    // Shutting down must not wait for a client stuck mid-upload; jobs and event streams are ended first (preClose).
    forceCloseConnections: true,
  });
  const jobs = new JobService({
    engines: deps.engines,
    queueLimit: config.queueLimit,
    // A backstop just after the engines' own silence limit (they can tell a prompt waiting in ComfyUI's queue from a hang).
    jobTimeoutMs: config.jobTimeoutSec * 1000 + ENGINE_TIMEOUT_MARGIN_MS,
    resultTtlMs: config.resultTtlSec * 1000,
    resultStoreBytes: (config.resultStoreMb ?? DEFAULT_RESULT_STORE_MB) * 1024 * 1024,
    now: deps.now ?? Date.now,
    newId: deps.newId ?? randomUUID,
    random: deps.random ?? Math.random,
    ...(deps.abortGraceMs !== undefined ? { abortGraceMs: deps.abortGraceMs } : {}),
  });

  // Bodies are parsed by zod in the handlers (one parse, one error shape); route schemas only document.
  // JSON only: a text/plain body is refused as a content-type problem (415; Segmind's 406 on its route).
  // An empty JSON body (DELETE from clients that always send the header) is no body, not an error.
  app.removeContentTypeParser(["text/plain", "application/json"]);
  const json = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "") return done(null, undefined);
    const text = typeof body === "string" ? body : body.toString("utf8");
    try {
      assertFewJsonFields(text);
    } catch (error) {
      return done(error as Error, undefined);
    }
    json(request, text, done);
  });
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error, bodyLimit);
    if (failure.status >= 500 && failure.payload.code === "server") request.log.error({ err: error }, "request failed");
    if (failure.payload.retryAfterMs !== undefined) reply.header("retry-after", String(Math.ceil(failure.payload.retryAfterMs / 1000)));
    return reply.code(failure.status).send({ error: failure.payload });
  });
  app.setNotFoundHandler((request, reply) => {
    const failure = toFailure(new ValidationError(`There is no ${request.method} ${request.url.split("?")[0]} on this gateway. See /docs/json for the API.`), bodyLimit);
    return reply.code(404).send({ error: failure.payload });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: "Depth Restyle local GPU gateway", version: gatewayVersion() },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" }, apiKey: { type: "apiKey", in: "header", name: "x-api-key" } },
      },
    },
  });
  registerHostCheck(app, config.allowedHosts ?? []);
  await registerCors(app, config.allowedOrigins);
  await registerAuth(app, config.token);
  await app.register(sse, { heartbeatInterval: deps.heartbeatMs ?? 15_000 });

  app.get("/health", { config: { public: true }, schema: JOB_ROUTE_SCHEMAS.health }, async () => ({ ok: true as const, name: "depth-restyle-gateway" as const, version: gatewayVersion() }));
  app.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(multipart, { limits: multipartLimits(bodyLimit) });
  registerJobRoutes(app, jobs, bodyLimit);
  registerEventRoutes(app, jobs);
  registerEngineRoutes(app, deps.engines, jobs, deps.statusTimeoutMs);
  registerSegmindRoute(app, jobs, deps.random ?? Math.random, bodyLimit, {
    blocked: config.allowPrivateImageUrls ? undefined : privateAddresses(),
    maxBytes: bodyLimit,
    timeoutMs: IMAGE_URL_TIMEOUT_MS,
  });

  app.addHook("preClose", async () => {
    await jobs.close();
  });
  app.addHook("onClose", async () => {
    await Promise.all(deps.engines.map((engine) => engine.close()));
  });
  // Beyond this many open sockets new ones are refused at once, so a flood of slow clients cannot exhaust file descriptors.
  app.addHook("onReady", async () => {
    app.server.maxConnections = config.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  });
  app.decorate("jobs", jobs);
  return app as unknown as GatewayApp;
}
