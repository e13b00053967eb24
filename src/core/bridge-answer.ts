import { z } from "zod";
import { BadResponseError, ErrorPayloadSchema, fromErrorPayload, toErrorPayload, type ErrorPayload } from "./errors";

/**
 * How an API crosses Express's runtime bridge with its typed errors intact. The bridge carries
 * only name, message and stack of a thrown Error, and the production bundle minifies class
 * names, so each method resolves to an answer instead: its value, or its failure as an
 * ErrorPayload (code + details) that the caller turns back into the same typed error.
 */
export const BridgeAnswerSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);
export type BridgeAnswer<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

type AsyncMethod = (...args: never[]) => Promise<unknown>;

/** The API as it crosses the bridge: every method answers data and never throws. */
export type AnsweringApi<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<BridgeAnswer<R>> : never;
};

/** Exposing side: wraps each method so a failure becomes its error payload. */
export function answerAsData<Api extends { [K in keyof Api]: AsyncMethod }>(api: Api): AnsweringApi<Api> {
  const methods = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const answering: Record<string, (...args: unknown[]) => Promise<BridgeAnswer<unknown>>> = {};
  for (const key of Object.keys(methods)) {
    answering[key] = async (...args) => {
      try {
        return { ok: true, value: await methods[key]?.apply(api, args) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    };
  }
  return answering as AnsweringApi<Api>;
}

/** The value of an answer, or its typed error thrown. */
export function unwrapAnswer(answer: unknown): unknown {
  const parsed = BridgeAnswerSchema.safeParse(answer);
  if (!parsed.success) throw new BadResponseError("The document code answered in a form this panel does not know. Reload the add-on.");
  if (parsed.data.ok) return parsed.data.value;
  throw fromErrorPayload(parsed.data.error);
}

/**
 * Calling side: the remote API (Express's promise-returning proxy) as the plain API again,
 * each answer unwrapped. Never thenable, so it can be awaited like the proxy itself.
 */
export function throwFromData<Api>(remote: AnsweringApi<Api>): Api {
  const calls = remote as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (typeof key === "string" && key !== "then" ? async (...args: unknown[]) => unwrapAnswer(await calls[key]?.(...args)) : undefined),
  }) as Api;
}
