/** Where `generate` writes: checked before the paid request, written all-or-nothing. */
import { randomBytes } from "node:crypto";
import { access, constants, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ValidationError } from "../core/errors";

const codeOf = (error: unknown): string => String((error as { code?: unknown }).code ?? error);

/** The path a file is really at: symlinks resolved when it exists, else the absolute path. */
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Fails with a clear message, before anything is sent, when an output could not be written or
 * would overwrite the input: the folder must exist and be writable, an existing output must be a
 * file, and no output may be the input itself (also through a symlink).
 */
export async function checkOutputs(input: string, outputs: readonly string[]): Promise<void> {
  const source = await canonical(input);
  for (const out of outputs) {
    if ((await canonical(out)) === source) throw new ValidationError(`--out ${out} is the input file; choose another name so the original is kept.`);
    const folder = dirname(resolve(out));
    try {
      if (!(await stat(folder)).isDirectory()) throw new ValidationError(`--out ${out}: ${folder} is not a folder.`);
      await access(folder, constants.W_OK);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw new ValidationError(`--out ${out}: the folder ${folder} ${codeOf(error) === "ENOENT" ? "does not exist; create it first" : `is not writable (${codeOf(error)})`}.`);
    }
    try {
      if (!(await stat(out)).isFile()) throw new ValidationError(`--out ${out} exists and is not a file; choose another name.`);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      if (codeOf(error) !== "ENOENT") throw new ValidationError(`--out ${out} cannot be checked (${codeOf(error)}).`);
    }
  }
}

/**
 * Writes every file beside its target first, then renames them into place: a reader never sees a
 * half-written image, and when any file fails none of the set is left behind.
 */
export async function writeAll(files: readonly { path: string; bytes: Uint8Array }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString("hex")}.tmp`);
      temps.push(temp);
      await writeFile(temp, file.bytes, { flag: "wx" });
    }
    for (const [i, file] of files.entries()) await rename(temps[i] as string, file.path);
  } catch (error) {
    await Promise.all(temps.map((temp) => unlink(temp).catch(() => undefined)));
    throw new ValidationError(`Could not write the results (${codeOf(error)}); nothing was written. Check the --out folder and free space.`, { cause: error });
  }
}
