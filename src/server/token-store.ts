import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
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
  // Written aside, then linked into place: a concurrent reader never sees a half-written file.
  const temp = `${path}.${process.pid}.${Buffer.from(random(6)).toString("hex")}.tmp`;
  await writeFile(temp, `${JSON.stringify({ token }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(temp, path);
  } catch (error) {
    // Another gateway created it a moment ago: use that one, so both agree.
    if ((error as { code?: unknown }).code === "EEXIST") return loadOrCreateToken(configDir, undefined, random);
    throw error;
  } finally {
    await unlink(temp);
  }
  return { token, origin: "created", path };
}

/** The token kept in a file of its own (a Docker secret, DEPTH_RESTYLE_TOKEN_FILE): its trimmed content. */
export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ValidationError(`Cannot read the token file ${path} (${(error as { code?: string }).code ?? String(error)}). Check --token-file / DEPTH_RESTYLE_TOKEN_FILE and that the file is mounted.`);
  }
  const token = text.trim();
  if (token.length < 16 || /\s/.test(token)) throw new ValidationError(`The token file ${path} must hold one token of at least 16 characters without spaces.`);
  return token;
}
