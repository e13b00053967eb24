/**
 * The attributes Express gives an add-on's panel iframe: `sandbox="allow-scripts
 * allow-same-origin"` plus the panel entry point's `permissions.sandbox` from the manifest
 * (Adobe's "Add-on Iframe Context" guide), and a permissions-policy `allow` list with only
 * the clipboard, camera and microphone permissions the manifest asks for.
 */
interface EntryPermissions {
  sandbox?: string[];
  clipboard?: string[];
  camera?: string;
  microphone?: string;
}

function panelPermissions(manifest: Record<string, unknown>): EntryPermissions {
  const entries = Array.isArray(manifest.entryPoints) ? (manifest.entryPoints as Array<{ type?: unknown; permissions?: EntryPermissions }>) : [];
  return entries.find((e) => e.type === "panel")?.permissions ?? {};
}

export function iframeSandbox(manifest: Record<string, unknown>): string {
  const extra = (panelPermissions(manifest).sandbox ?? []).filter((flag) => flag !== "allow-scripts" && flag !== "allow-same-origin");
  return ["allow-scripts", "allow-same-origin", ...extra].join(" ");
}

export function iframeAllow(manifest: Record<string, unknown>): string {
  const { clipboard = [], camera, microphone } = panelPermissions(manifest);
  const features = [...clipboard, ...(camera ? ["camera"] : []), ...(microphone ? ["microphone"] : [])];
  return features.join("; ");
}
