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

/** The gateway's logger: JSON lines, secrets redacted, level from the config. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
