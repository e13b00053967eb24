import { createComfyEngine, DEFAULT_COMFY_MODELS } from "../../../../src/server/engines/comfy";
import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import { startTestGateway, type TestGateway } from "../../../server/helpers/gateway";

/** The real gateway app and ComfyUI engine in front of the fake ComfyUI, answering CORS for the panel's origin. */
export async function startGatewayStack(panelOrigin: string): Promise<{ comfy: FakeComfy; gateway: TestGateway; close(): Promise<void> }> {
  const comfy = await startFakeComfy({ stepDelayMs: 2 });
  const engine = createComfyEngine({ id: "gpu0", url: comfy.url, models: DEFAULT_COMFY_MODELS, pollMs: 20, reconnectDelayMs: 20, requestTimeoutMs: 5000 });
  const gateway = await startTestGateway({ engines: [engine] }, { allowedOrigins: [panelOrigin], bodyLimitMb: 32 });
  return {
    comfy,
    gateway,
    close: async () => {
      await gateway.close();
      await comfy.close();
    },
  };
}
