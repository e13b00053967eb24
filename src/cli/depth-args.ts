/** Command lines of `depth-restyle depth` and `depth-restyle slices`: flags, help, parsing into the shared schemas. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_DEPTH_MODEL_URL } from "../core/depth/model-info";
import { ValidationError } from "../core/errors";
import { DEPTH_EDIT_LIMITS, DepthEditSchema, SLICE_LIMITS, SliceOptionsSchema, type DepthEdit, type SliceOptions } from "../shared/depth-edit";
import { describeIssues } from "../shared/settings";
import { num } from "./args";

const COMMON = {
  input: { type: "string", short: "i" },
  model: { type: "string", short: "m" },
  sha256: { type: "string" },
  far: { type: "string" },
  near: { type: "string" },
  gamma: { type: "string" },
  invert: { type: "boolean" },
  smoothing: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const EDIT_HELP = `Depth editing (the panel's depth editor, same results):
      --far X               Depth that becomes black, 0–1 (default 0)
      --near X              Depth that becomes white, 0–1, above --far (default 1)
      --gamma X             Middle distances: above 1 brighter, below 1 darker, ${DEPTH_EDIT_LIMITS.gamma.min}–${DEPTH_EDIT_LIMITS.gamma.max} (default 1)
      --invert              White = far instead of white = near (depth maps only; slices stay nearest first)
      --smoothing P         Blur, in % of the longer side, ${DEPTH_EDIT_LIMITS.smoothing.min}–${DEPTH_EDIT_LIMITS.smoothing.max} (default 0)

Model:
  -m, --model PATH|URL      ONNX depth model: input [1,3,H,W] float32, output relative inverse
                            depth [1,H,W] (Depth Anything, MiDaS…). Default: Depth Anything V2
                            Small, downloaded once into $XDG_CACHE_HOME/depth-restyle (or
                            ~/.cache/depth-restyle) from
                            ${DEFAULT_DEPTH_MODEL_URL}
      --sha256 HEX          Expected SHA-256 of a downloaded model; a mismatch is refused
  -h, --help                Show this help
`;

export const DEPTH_HELP = `Usage: depth-restyle depth --input IN.png --out DEPTH.png [options]

Writes the depth map of an image as a greyscale PNG at the image's size (white = near), with
the same model, pre- and post-processing as the panel's "Add depth layer".

Required:
  -i, --input PATH          Image (PNG, JPEG or WebP, any size)
  -o, --out PATH            Depth map to write (PNG)

${EDIT_HELP}`;

export const SLICES_HELP = `Usage: depth-restyle slices --input IN.png --count N --out-dir DIR [options]

Splits an image by depth into N transparent PNGs at the image's size: DIR/slice-1.png holds the
nearest band … slice-N.png the farthest. Together they hold every pixel once; stacked with
slice-1 on top they give back the image. Put text between two slices to place it behind a subject.

Required:
  -i, --input PATH          Image (PNG, JPEG or WebP, any size)
  -o, --out-dir DIR         Folder for slice-1.png … slice-N.png (created if missing)

Options:
  -n, --count N             Slices, whole number ${SLICE_LIMITS.count.min}–${SLICE_LIMITS.count.max} (default ${SLICE_LIMITS.count.default})
      --feather P           Soft edge, in % of the longer side, ${SLICE_LIMITS.feather.min}–${SLICE_LIMITS.feather.max} (default ${SLICE_LIMITS.feather.default}; 0 = hard cut)

${EDIT_HELP}`;

export interface ModelChoice {
  /** A file path or an http(s) URL. */
  spec: string;
  sha256?: string;
}

export interface DepthArgs {
  help: false;
  input: string;
  out: string;
  model: ModelChoice;
  edit: DepthEdit;
}

export interface SlicesArgs {
  help: false;
  input: string;
  outDir: string;
  model: ModelChoice;
  edit: DepthEdit;
  slices: SliceOptions;
}

const Sha256Schema = z.string().regex(/^[0-9a-fA-F]{64}$/, "--sha256 must be 64 hexadecimal digits").transform((s) => s.toLowerCase());

function parsed<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`Invalid ${what} — ${describeIssues(result.error)}.`);
  return result.data;
}

function common(values: { [K in keyof typeof COMMON]?: string | boolean }, command: string, required: Record<string, unknown>): { model: ModelChoice; edit: DepthEdit } {
  const missing = Object.entries(required).filter(([, v]) => v === undefined).map(([k]) => `--${k}`);
  if (missing.length) throw new ValidationError(`Missing ${missing.join(", ")}. Run "depth-restyle ${command} --help" for an example.`);
  const edit = parsed(
    DepthEditSchema,
    { far: num(values.far as string | undefined), near: num(values.near as string | undefined), gamma: num(values.gamma as string | undefined), invert: values.invert === true, smoothing: num(values.smoothing as string | undefined) },
    "depth edit",
  );
  const sha256 = values.sha256 === undefined ? undefined : parsed(Sha256Schema, values.sha256, "--sha256");
  return { model: { spec: (values.model as string | undefined) ?? DEFAULT_DEPTH_MODEL_URL, ...(sha256 ? { sha256 } : {}) }, edit };
}

/** Throws ValidationError (bad values, named by flag) or a parseArgs TypeError (unknown flags). */
export function parseDepthArgs(argv: string[]): DepthArgs | { help: true } {
  const { values } = parseArgs({ args: argv, options: { ...COMMON, out: { type: "string", short: "o" } }, strict: true, allowPositionals: false });
  if (values.help) return { help: true };
  const { model, edit } = common(values, "depth", { input: values.input, out: values.out });
  return { help: false, input: values.input as string, out: values.out as string, model, edit };
}

export function parseSlicesArgs(argv: string[]): SlicesArgs | { help: true } {
  const options = { ...COMMON, count: { type: "string", short: "n" }, "out-dir": { type: "string", short: "o" }, feather: { type: "string" } } as const;
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  if (values.help) return { help: true };
  const { model, edit } = common(values, "slices", { input: values.input, "out-dir": values["out-dir"] });
  const slices = parsed(SliceOptionsSchema, { count: num(values.count), feather: num(values.feather) }, "slices");
  return { help: false, input: values.input as string, outDir: values["out-dir"] as string, model, edit, slices };
}
