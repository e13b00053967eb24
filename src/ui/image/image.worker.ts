import { runImageJob } from "./ops";
import type { ImageRequest, ImageResponse } from "./protocol";

/** Image worker: decode/crop/fit/flatten/encode off the panel's main thread. */
addEventListener("message", (event: MessageEvent<ImageRequest>) => {
  const request = event.data;
  runImageJob(request).then(
    (out) => {
      const response: ImageResponse = { id: request.id, ok: true, ...out };
      postMessage(response, { transfer: out.mask ? [out.bytes, out.mask.bytes] : [out.bytes] });
    },
    (error: unknown) => {
      const response: ImageResponse = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
      postMessage(response);
    },
  );
});
