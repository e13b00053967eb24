import type { LocalAccess, PageNetwork } from "../core/backends/local-network";

/** The part of navigator.permissions the probe uses (typed here so node-side tests compile without DOM types). */
interface PermissionsLike {
  query(descriptor: { name: string }): Promise<{ state: string }>;
}

/** What the probe reads of the browser; passed in so tests can stand in for Chrome versions. */
export interface BrowserNetworkEnv {
  origin: string | undefined;
  permissions: PermissionsLike | undefined;
}

/**
 * Permission names, newest first: Chrome 142 shipped "local-network-access"; the draft and MDN
 * since split it into "loopback-network" and "local-network". A browser rejects names it does not know.
 */
const NAMES = { loopback: ["loopback-network", "local-network-access"], local: ["local-network", "local-network-access"] } as const;

const STATES: readonly string[] = ["granted", "denied", "prompt"];

function currentBrowser(): BrowserNetworkEnv {
  const page = globalThis as { location?: { origin?: string }; navigator?: { permissions?: PermissionsLike } };
  return { origin: page.location?.origin, permissions: page.navigator?.permissions };
}

/** The panel's page as the gateway client needs it (core/backends/local-network.ts), or undefined outside a browser. */
export function browserPageNetwork(env: BrowserNetworkEnv = currentBrowser()): PageNetwork | undefined {
  const { origin, permissions } = env;
  if (!origin || origin === "null") return undefined;
  return {
    origin,
    async access(space): Promise<LocalAccess> {
      if (!permissions) return "unknown";
      for (const name of NAMES[space]) {
        try {
          const { state } = await permissions.query({ name });
          return STATES.includes(state) ? (state as LocalAccess) : "unknown";
        } catch {
          // Not a permission this browser knows: try the older name.
        }
      }
      return "unknown";
    },
  };
}
