/**
 * Browser entry of the Local Network Access test: the panel's gateway client as the panel builds
 * it (real fetch, the page's own permission probe), run from a page in Chromium.
 */
import { createGatewayBackend } from "../../src/core/backends/gateway";
import { toErrorPayload, type ErrorPayload } from "../../src/core/errors";
import { browserPageNetwork } from "../../src/ui/local-network";

async function testGateway(baseUrl: string, token: string): Promise<{ ok: true } | ErrorPayload> {
  try {
    await createGatewayBackend({ baseUrl, token, page: browserPageNetwork() }).testConnection();
    return { ok: true };
  } catch (error) {
    return toErrorPayload(error);
  }
}

Object.assign(globalThis, { testGateway });
