import { createGatewayBackend } from "../../../src/core/backends/gateway";
import type { Backend } from "../../../src/core/backends/types";
import type { AppConfig } from "../../../src/server/app";
import { createComfyEngine, DEFAULT_COMFY_MODELS, type ComfyEngineOptions } from "../../../src/server/engines/comfy";
import type { Engine } from "../../../src/server/engines/engine";
import { startFakeComfy, type FakeComfy, type FakeComfyBehaviour } from "../../fakes/comfyui-server";
import { startTestGateway, type TestGateway } from "./gateway";

export interface Stack {
  fakes: FakeComfy[];
  engines: Engine[];
  gateway: TestGateway;
  client: Backend;
  close(): Promise<void>;
}

/**
 * The production path end to end: gateway client → real HTTP → gateway app → real ComfyUI
 * engine (undici HTTP + WS) → fake ComfyUI server, one per worker, all on 127.0.0.1.
 */
export async function startStack(
  options: { workers?: number; fake?: Partial<FakeComfyBehaviour>; engine?: Partial<ComfyEngineOptions>; config?: Partial<AppConfig> } = {},
): Promise<Stack> {
  const fakes = await Promise.all(Array.from({ length: options.workers ?? 1 }, () => startFakeComfy(options.fake)));
  const engines = fakes.map((fake, i) =>
    createComfyEngine({ id: `gpu${i}`, url: fake.url, models: DEFAULT_COMFY_MODELS, pollMs: 20, reconnectDelayMs: 20, requestTimeoutMs: 5000, ...options.engine }),
  );
  const gateway = await startTestGateway({ engines }, { bodyLimitMb: 32, ...options.config });
  const client = createGatewayBackend({ baseUrl: gateway.url, token: gateway.token, idleMs: 10_000 });
  return {
    fakes,
    engines,
    gateway,
    client,
    async close() {
      await gateway.close();
      await Promise.all(fakes.map((f) => f.close()));
    },
  };
}
