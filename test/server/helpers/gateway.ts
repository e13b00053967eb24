import type { AddressInfo } from "node:net";
import { buildApp, type AppConfig, type AppDeps, type GatewayApp } from "../../../src/server/app";

export const TEST_TOKEN = "test-token-0123456789abcdef";

export const TEST_CONFIG: AppConfig = {
  token: TEST_TOKEN,
  queueLimit: 8,
  bodyLimitMb: 4,
  allowedOrigins: [],
  jobTimeoutSec: 30,
  resultTtlSec: 60,
  requestTimeoutSec: 30,
};

export interface TestGateway {
  app: GatewayApp;
  url: string;
  token: string;
  close(): Promise<void>;
}

/** The real app listening on 127.0.0.1 with an ephemeral port. */
export async function startTestGateway(deps: AppDeps, config: Partial<AppConfig> = {}): Promise<TestGateway> {
  const full = { ...TEST_CONFIG, ...config };
  const app = await buildApp(full, { abortGraceMs: 2000, statusTimeoutMs: 2000, ...deps });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, token: full.token, close: () => app.close() };
}

export const authHeaders = (token = TEST_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
