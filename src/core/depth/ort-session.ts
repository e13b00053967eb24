/**
 * One interface over onnxruntime-web (panel worker) and onnxruntime-node (tests, bench): both
 * re-export onnxruntime-common, so the same code opens and runs the model in either.
 */
import type { InferenceSession, Tensor } from "onnxruntime-common";
import type { DeclaredShape } from "./preprocess";

export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: "float32", data: Float32Array, dims: readonly number[]) => Tensor;
}

export interface DepthSession {
  /** Execution provider the session runs on ("webgpu", "wasm", "cpu"). */
  provider: string;
  inputShape: DeclaredShape | undefined;
  run(pixelValues: Float32Array, dims: readonly number[]): Promise<{ data: Float32Array; dims: readonly number[] }>;
  release(): Promise<void>;
}

/** Opens `bytes` on the first execution provider that accepts it (e.g. WebGPU, then WASM). */
export async function openDepthSession(
  ort: OrtModule,
  bytes: Uint8Array,
  providers: readonly string[],
  options: Omit<InferenceSession.SessionOptions, "executionProviders"> = {},
): Promise<DepthSession> {
  let lastError: unknown = new Error("no execution provider to try");
  for (const provider of providers) {
    try {
      const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: "all", ...options, executionProviders: [provider] });
      return wrap(ort, session, provider);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function wrap(ort: OrtModule, session: InferenceSession, provider: string): DepthSession {
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  if (inputName === undefined || outputName === undefined) throw new Error("the model declares no input or no output");
  const meta = session.inputMetadata[0];
  if (meta?.isTensor && meta.type !== "float32") throw new Error(`the model's input is ${meta.type}, expected float32 pixel values`);
  return {
    provider,
    inputShape: meta?.isTensor ? meta.shape : undefined,
    async run(pixelValues, dims) {
      const input = new ort.Tensor("float32", pixelValues, dims);
      const results = await session.run({ [inputName]: input });
      const output = results[outputName];
      input.dispose();
      if (!output || output.type !== "float32") throw new Error(`the model's output ${outputName} is not float32`);
      const data = (await output.getData()) as Float32Array;
      const outDims = [...output.dims];
      output.dispose();
      return { data, dims: outDims };
    },
    release: () => session.release(),
  };
}
