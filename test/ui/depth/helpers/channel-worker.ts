/**
 * The depth worker service on a MessageChannel in this process, with onnxruntime-node: the
 * panel client talks to it through real structured-clone messaging, like to a Web Worker.
 */
import { MessageChannel } from "node:worker_threads";
import type { DepthWorkerPort } from "../../../../src/ui/depth/client";
import type { ModelCache } from "../../../../src/ui/depth/model-loader";
import type { RgbaImage } from "../../../../src/core/depth/preprocess";
import type { TransferableImage } from "../../../../src/ui/depth/protocol";
import { createDepthWorkerService } from "../../../../src/ui/depth/worker-service";
import { nodeOrt } from "../../../core/depth/helpers/node-runtime";

const isRgba = (image: TransferableImage): image is RgbaImage => "data" in image && ArrayBuffer.isView(image.data);

export function channelWorker(cache: ModelCache): DepthWorkerPort {
  const { port1, port2 } = new MessageChannel();
  const service = createDepthWorkerService({
    ort: nodeOrt,
    providers: async () => ["cpu"],
    fetch: (url) => fetch(url),
    cache: async () => cache,
    readPixels: async (image) => {
      if (!isRgba(image)) throw new Error("test images are RGBA objects");
      return image;
    },
    post: (message, transfer) => port2.postMessage(message, transfer),
  });
  port2.on("message", (data: unknown) => void service.handle(data));
  return {
    post: (message) => port1.postMessage(message),
    onMessage: (listener) => void port1.on("message", listener),
    onCrash: () => {},
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
}
