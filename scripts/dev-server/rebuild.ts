/** What `npm start` tells Express after webpack rebuilt the add-on (SocketServer.js _watchForChanges). */
import path from "node:path";
import type { MultiStats } from "webpack";
import { readDistManifest } from "./dist-files";
import { sourceChangedMessage } from "./protocol";

export interface RebuildContext {
  root: string;
  dist: string;
  /** The manifest source file, relative to root (manifest.json or manifest.experimental.json). */
  manifestFile: string;
  testId: string;
}

/** Files the rebuild was triggered by, relative to the project (Adobe sends chokidar's relative paths). */
export function changedFiles(root: string, stats: MultiStats): string[] {
  const files = new Set<string>();
  for (const { compilation } of stats.stats) {
    const { modifiedFiles, removedFiles } = compilation.compiler;
    for (const file of [...(modifiedFiles ?? []), ...(removedFiles ?? [])]) files.add(path.relative(root, file));
  }
  return [...files].sort();
}

export function rebuildMessage(context: RebuildContext, stats: MultiStats): string {
  const files = changedFiles(context.root, stats);
  const isManifestChanged = files.includes(context.manifestFile);
  const read = isManifestChanged ? readDistManifest(context.dist) : undefined;
  return sourceChangedMessage({
    testId: context.testId,
    changedFiles: files,
    isBuildSuccessful: !stats.hasErrors(),
    isManifestChanged,
    ...(read?.ok ? { manifest: read.manifest } : {}),
  });
}
