import type { FastifyRequest } from "fastify";
import { ValidationError } from "../../core/errors";
import { hasMoreKeysThan } from "../../shared/settings";

/**
 * Refuses an object with more than `max` keys before any schema walks it: a body of millions of
 * pass-through fields is answered in microseconds instead of freezing the gateway.
 */
export function refuseManyFields(value: unknown, max: number, what: string): void {
  if (hasMoreKeysThan(value, max)) throw new ValidationError(`${what}: at most ${max} fields are accepted.`);
}

/**
 * The request's parsed body, detached from the request: while a job's input is being prepared,
 * a large upload's base64 text is then no longer held alongside its decoded bytes.
 */
export function takeBody(request: FastifyRequest): unknown {
  const body = request.body;
  request.body = undefined;
  return body;
}
