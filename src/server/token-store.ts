import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ValidationError } from "../core/errors";

const StoredSchema = z.object({ token: z.string().min(16) });

export interface TokenSource {
  token: string;
  /** Where it came from: given in flags/env, read from the file, or created just now. */
  origin: "configured" | "stored" | "created";
  path: string;
}

export const tokenFile = (configDir: string): string => join(configDir, "gateway.json");

/**
 * The bearer token: the configured one, else the one stored in `configDir/gateway.json`, else a
 * new random one written there (readable by this user only) so the panel keeps working across restarts.
 */
export async function loadOrCreateToken(configDir: string, configured?: string, random: (n: number) => Uint8Array = randomBytes): Promise<TokenSource> {
  const path = tokenFile(configDir);
  if (configured) return { token: configured, origin: "configured", path };
  let text: string | undefined;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ENOENT") throw error;
  }
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const stored = StoredSchema.safeParse(json);
    if (!stored.success) throw new ValidationError(`${path} is not a valid gateway token file. Delete it to have a new token created, or pass --token.`);
    return { token: stored.data.token, origin: "stored", path };
  }
  const token = Buffer.from(random(32)).toString("base64url");
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify({ token }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return { token, origin: "created", path };
}
