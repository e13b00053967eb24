import pino, { type DestinationStream, type Logger } from "pino";

/** Header paths that carry secrets; pino replaces them wherever a request or error is logged. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  "headers.authorization",
  'headers["x-api-key"]',
  "token",
  "segmindKey",
  "config.token",
  "config.segmindKey",
];

/** The gateway's API takes nothing in the query string, so whatever is there (a token pasted into a URL) is kept out of the log. */
export function redactQuery(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? url : `${url.slice(0, at)}?[redacted]`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the query string redacted. */
const serializers = {
  req: (req: LoggedRequest) => ({ method: req.method, url: redactQuery(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
};

/** The gateway's logger: JSON lines, secrets redacted, level from the config. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
