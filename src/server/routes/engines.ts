import type { FastifyInstance } from "fastify";
import type { EnginesAnswer, EngineStatusJson } from "../../shared/gateway-api";
import type { Engine } from "../engines/engine";
import type { JobService } from "../jobs/service";
import { JOB_ROUTE_SCHEMAS } from "./openapi-schemas";

/** A status check that throws or hangs still yields an entry, so one broken worker never hides the others. */
async function statusOf(engine: Engine, timeoutMs: number): Promise<EngineStatusJson> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await engine.status(signal);
  } catch (error) {
    const reason = signal.aborted ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : error instanceof Error ? error.message : String(error);
    return { id: engine.id, kind: engine.kind, reachable: false, missingNodes: [], missingModels: [], problem: `Status check failed: ${reason}. Check that the worker is running.` };
  }
}

/** GET /v1/engines — what the panel's "Test connection" shows. */
export function registerEngineRoutes(app: FastifyInstance, engines: readonly Engine[], service: JobService, statusTimeoutMs = 10_000): void {
  app.get("/v1/engines", { schema: JOB_ROUTE_SCHEMAS.engines }, async (): Promise<EnginesAnswer> => ({
    engines: await Promise.all(engines.map((engine) => statusOf(engine, statusTimeoutMs))),
    queue: service.scheduler.stats(),
  }));
}
