import { createParser } from "eventsource-parser";
import { JobEventSchema, type JobEvent } from "../../shared/gateway-api";
import { BadResponseError, CancelledError, DepthRestyleError } from "../errors";
import { connectionError, errorFromGateway, type GatewayHttp } from "./gateway-http";
import { localNetworkVerdict, type LocalNetworkVerdict } from "./local-network";

/** Why one connection to the event stream ended without the job's last event. */
export class StreamDropped extends Error {}

/**
 * Reads one connection of GET /v1/jobs/:id/events (fetch + eventsource-parser, so it runs in
 * browsers and Node and can send the Authorization header, unlike EventSource). Calls `onEvent`
 * per JobEvent and returns after `done` or `error`; throws StreamDropped when the connection
 * ends early or stays silent longer than `idleMs` (the gateway sends a heartbeat well within it).
 */
export async function readJobEvents(http: GatewayHttp, jobId: string, idleMs: number, signal: AbortSignal | undefined, onEvent: (event: JobEvent) => void): Promise<JobEvent> {
  const url = `${http.baseUrl}/v1/jobs/${encodeURIComponent(jobId)}/events`;
  const controller = new AbortController();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  let terminal: JobEvent | undefined;
  let invalid: string | undefined;
  const parser = createParser({
    onEvent: (message) => {
      if (terminal || invalid) return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        json = undefined;
      }
      const parsed = JobEventSchema.safeParse(json);
      if (!parsed.success) {
        invalid = message.data.slice(0, 80);
        return;
      }
      if (parsed.data.type === "done" || parsed.data.type === "error") terminal = parsed.data;
      onEvent(parsed.data);
    },
  });
  const failure = (error: unknown, connected: boolean, lna?: LocalNetworkVerdict): Error => {
    if (error instanceof DepthRestyleError || error instanceof StreamDropped) return error;
    if (signal?.aborted) return new CancelledError("Cancelled.", { cause: error });
    if (controller.signal.aborted) return new StreamDropped(`no event for ${Math.round(idleMs / 1000)} s`);
    // Refused before any answer: the gateway is not running. After the answer began: a dropped stream, worth a reconnect.
    return connected ? new StreamDropped(error instanceof Error ? error.message : String(error)) : connectionError(error, url, http.baseUrl, lna);
  };
  try {
    arm();
    let response: Response;
    try {
      response = await http.fetch(url, { headers: { authorization: `Bearer ${http.token}`, accept: "text/event-stream" }, signal: controller.signal });
    } catch (error) {
      throw failure(error, false, await localNetworkVerdict(url, http.page));
    }
    if (!response.ok) throw errorFromGateway(response.status, response.headers, await response.text(), url);
    if (!response.body) throw new BadResponseError(`${url} sent no event stream. Check the gateway URL.`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      while (!terminal && !invalid) {
        const { value, done } = await reader.read();
        if (done) break;
        arm();
        parser.feed(value);
      }
    } catch (error) {
      throw failure(error, true);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    if (invalid) throw new BadResponseError(`The gateway sent an event this add-on does not understand ("${invalid}"). Update the add-on and the gateway to the same version.`);
    if (!terminal) throw new StreamDropped("the event stream ended before the job did");
    return terminal;
  } finally {
    clearTimeout(idle);
    signal?.removeEventListener("abort", onAbort);
  }
}
