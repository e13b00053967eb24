/** Command line of `depth-restyle generate`: flags, help text and their mapping onto the settings schema. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { GATEWAY_DEFAULT_URL } from "../shared/gateway-api";
import { SEGMIND_BASE_URL } from "../shared/segmind-body";
import { ValidationError, parseSettings } from "../core/errors";
import { num } from "./args";
import { LIMITS, MAX_SEED, SCHEDULERS, type GenerationSettings } from "../shared/settings";

export const TIMEOUT_LIMITS = { min: 1, max: 3600, default: 180 } as const;

const OPTIONS = {
  input: { type: "string", short: "i" },
  prompt: { type: "string", short: "p" },
  "negative-prompt": { type: "string" },
  steps: { type: "string" },
  guidance: { type: "string" },
  seed: { type: "string" },
  strength: { type: "string" },
  "control-scale": { type: "string" },
  scheduler: { type: "string" },
  samples: { type: "string" },
  "base-url": { type: "string" },
  gateway: { type: "boolean" },
  timeout: { type: "string" },
  out: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const;

const range = (r: { min: number; max: number; default: number }) => `${r.min}–${r.max}, default ${r.default}`;

export const GENERATE_HELP = `Usage: depth-restyle generate --input IN.png --prompt "…" --out OUT.jpg [options]

Restyles an image with Segmind's SSD-1B Depth: a depth map of the input keeps its 3-D layout
while the prompt sets the new style. The API key is read from SEGMIND_API_KEY.

Required:
  -i, --input PATH          Image to restyle (PNG, JPEG or WebP, any size)
  -p, --prompt TEXT         The new style, 1–${LIMITS.promptLength} characters
  -o, --out PATH            Result file; more samples go to OUT-2.jpg, OUT-3.jpg… (scaled back to the input's size)

Options:
      --negative-prompt TEXT  What to avoid, up to ${LIMITS.promptLength} characters (default empty)
      --steps N             Inference steps, whole number ${range(LIMITS.steps)}
      --guidance X          Prompt guidance (CFG), ${range(LIMITS.guidanceScale)}
      --seed N|random       Seed, 0–${MAX_SEED} or "random" (default random; the seed used is printed)
      --strength X          Denoising strength, ${LIMITS.strength.min}–${LIMITS.strength.max} (not sent unless given)
      --control-scale X     How strongly depth holds the layout, ${range(LIMITS.controlScale)}
      --scheduler NAME      One of: ${SCHEDULERS.join(", ")} (default UniPC)
      --samples N           Images to generate, whole number ${range(LIMITS.samples)}
      --base-url URL        API base URL (default ${SEGMIND_BASE_URL}); e.g. the local gateway's Segmind-compatible route
      --gateway             --base-url is a Depth Restyle gateway: use its job API (binary upload, no base64); SEGMIND_API_KEY = its token
      --timeout SECONDS     Per request, ${TIMEOUT_LIMITS.min}–${TIMEOUT_LIMITS.max}, default ${TIMEOUT_LIMITS.default}; a timed-out request is never resent
  -h, --help                Show this help

Environment:
  SEGMIND_API_KEY           Your Segmind API key (Segmind console → API Keys)
`;

export interface GenerateArgs {
  help: false;
  input: string;
  out: string;
  settings: GenerationSettings;
  baseUrl: string;
  /** The base URL is our gateway: its job API, not the Segmind-compatible route. */
  gateway: boolean;
  timeoutMs: number;
}

const BaseUrlSchema = z.url({ protocol: /^https?$/, error: "--base-url must be an http(s) URL, e.g. https://api.segmind.com" });
const TimeoutSchema = z.number({ error: `--timeout must be a number of seconds from ${TIMEOUT_LIMITS.min} to ${TIMEOUT_LIMITS.max}` }).min(TIMEOUT_LIMITS.min).max(TIMEOUT_LIMITS.max);

/** Throws ValidationError (bad values, named by field) or a parseArgs TypeError (unknown flags). */
export function parseGenerateArgs(argv: string[]): GenerateArgs | { help: true } {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return { help: true };
  const missing = (["input", "prompt", "out"] as const).filter((k) => values[k] === undefined).map((k) => `--${k}`);
  if (missing.length) throw new ValidationError(`Missing ${missing.join(", ")}. Run "depth-restyle generate --help" for an example.`);
  const seed = values.seed === undefined || values.seed === "random" ? values.seed : num(values.seed);
  const settings = parseSettings({
    prompt: values.prompt,
    negativePrompt: values["negative-prompt"],
    steps: num(values.steps),
    guidanceScale: num(values.guidance),
    seed,
    strength: num(values.strength),
    controlScale: num(values["control-scale"]),
    scheduler: values.scheduler,
    samples: num(values.samples),
  });
  const baseUrl = BaseUrlSchema.safeParse(values["base-url"] ?? SEGMIND_BASE_URL);
  if (!baseUrl.success) throw new ValidationError(baseUrl.error.issues[0]?.message ?? "bad --base-url");
  const timeout = TimeoutSchema.safeParse(num(values.timeout) ?? TIMEOUT_LIMITS.default);
  if (!timeout.success) throw new ValidationError(`--timeout must be a number of seconds from ${TIMEOUT_LIMITS.min} to ${TIMEOUT_LIMITS.max}`);
  if (values.gateway && values["base-url"] === undefined) throw new ValidationError(`--gateway needs --base-url, the gateway's URL (e.g. ${GATEWAY_DEFAULT_URL}).`);
  return { help: false, input: values.input as string, out: values.out as string, settings, baseUrl: baseUrl.data, gateway: values.gateway === true, timeoutMs: timeout.data * 1000 };
}
