/**
 * What Express's "Add-on development" reads from the URL the user enters, as
 * `@adobe/ccweb-add-on-scripts start` answers it (installed under
 * node_modules/@adobe/ccweb-add-on-scripts/dist). Pure builders: the server only does I/O.
 */
import { z } from "zod";

/** The manifest fields the listing reads (AddOnResourceUtils.getAddOnListingData). */
export const DevManifestSchema = z.looseObject({
  testId: z.string().min(1),
  name: z.string().optional(),
  version: z.string(),
  entryPoints: z.array(z.looseObject({ discoverable: z.boolean().optional() })),
});
export type DevManifest = z.infer<typeof DevManifestSchema>;

/** What the listing still knows when dist/manifest.json fails validation: the manifest read at start. */
export interface ListingFallback {
  testId: string;
  version: string;
}

/** constants.js DEFAULT_ADD_ON_NAME. */
const MISSING_NAME = "Missing Title";

/** `https://<Host header>`, as ExpressServer.js builds it with core's getBaseUrl(HTTPS, host). */
export function baseUrlOf(hostHeader: string | undefined, fallbackHost: string): string {
  return `https://${hostHeader ?? fallbackHost}`;
}

/** `GET /`: AddOnResourceUtils.getAddOnListingData. */
export function addOnListing(manifest: DevManifest | undefined, fallback: ListingFallback, baseUrl: string) {
  const testId = manifest?.testId ?? fallback.testId;
  return {
    addOns: [
      {
        addonId: testId,
        versionString: manifest?.version ?? fallback.version,
        supportedLanguages: ["en-US"],
        supportedApps: ["Express"],
        downloadUrl: `${baseUrl}/${testId}/manifest.json`,
        addon: { localizedMetadata: { name: manifest?.name ?? MISSING_NAME } },
        entryPoints: (manifest?.entryPoints ?? []).map((entry) => ({ ...entry, discoverable: entry.discoverable ?? true })),
      },
    ],
  };
}

/** `GET /<testId>`: AddOnResourceUtils.getResources, from dist/'s files (posix paths relative to dist/). */
export function resourceListing(relativeFiles: readonly string[], testId: string, baseUrl: string) {
  const visible = relativeFiles.filter((file) => !(file.split("/").pop() ?? "").startsWith("."));
  return { resources: visible.map((file) => `${baseUrl}/${testId}/${file}`) };
}

export interface SourceChange {
  testId: string;
  changedFiles: readonly string[];
  /** Whether the code built (Adobe: the transpile step), whatever the manifest says. */
  isBuildSuccessful: boolean;
  isManifestChanged: boolean;
  /** The manifest after a rebuild that changed it, when it passed validation. */
  manifest?: Record<string, unknown>;
}

/**
 * The WebSocket text sent to every connected Express after a rebuild: SocketServer.js _getMessage
 * with models/CLIScriptMessageV1.js, serialised by core's getJSONString (4-space JSON).
 */
export function sourceChangedMessage(change: SourceChange): string {
  const payload = {
    changedFiles: [...change.changedFiles],
    isBuildSuccessful: change.isBuildSuccessful,
    isManifestChanged: change.isManifestChanged,
    manifest: change.isManifestChanged ? change.manifest : undefined,
  };
  return JSON.stringify({ messageVersion: 1, id: change.testId, action: "SourceCodeChanged", payload }, undefined, 4);
}
