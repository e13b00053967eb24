import type { FastifyInstance } from "fastify";
import type { JobEvent } from "../../shared/gateway-api";
import type { JobService } from "../jobs/service";
import { JOB_ROUTE_SCHEMAS } from "./openapi-schemas";

/** Job events as an async iterable that ends after the terminal event, or when `stop()` is called. */
function channel(subscribe: (listener: (event: JobEvent) => void) => () => void) {
  const buffered: JobEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const unsubscribe = subscribe((event) => {
    buffered.push(event);
    if (event.type === "done" || event.type === "error") ended = true;
    wake?.();
  });
  const stop = () => {
    ended = true;
    unsubscribe();
    wake?.();
  };
  async function* events(): AsyncGenerator<{ id: string; event: string; data: JobEvent }> {
    let seq = 0;
    try {
      for (;;) {
        const next = buffered.shift();
        if (next) {
          yield { id: String(++seq), event: next.type, data: next };
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      unsubscribe();
    }
  }
  return { events: events(), stop };
}

/**
 * GET /v1/jobs/:id/events — Server-Sent Events. A subscriber first gets the job's current state
 * (so one that connects late, or reconnects, still sees how it ends), then every change; the
 * stream closes after `done` or `error`.
 */
export function registerEventRoutes(app: FastifyInstance, service: JobService): void {
  app.get<{ Params: { id: string } }>("/v1/jobs/:id/events", { sse: "manual", schema: JOB_ROUTE_SCHEMAS.events }, async (request, reply) => {
    const job = service.get(request.params.id);
    const { events, stop } = channel((listener) => job.subscribe(listener));
    reply.sse.onClose(stop);
    await reply.sse.send(events);
  });
}
