/** Renders the add-on icons (assets/icons/icon-<size>.png) from one SVG. Run: `tsx scripts/make-icons.ts`. */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export const ICON_SIZES = [24, 48, 96, 144, 512] as const;

/** Three layers receding into depth: near = light, far = dark, over a violet-to-teal gradient. */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#5b2fd6"/><stop offset="1" stop-color="#0fa3a3"/>
    </linearGradient>
  </defs>
  <rect width="512" height="512" rx="112" fill="url(#bg)"/>
  <path d="M96 360 L256 440 L416 360 L256 280 Z" fill="#1b1446" opacity="0.85"/>
  <path d="M96 286 L256 366 L416 286 L256 206 Z" fill="#8c7cf0" opacity="0.9"/>
  <path d="M96 212 L256 292 L416 212 L256 132 Z" fill="#ffffff"/>
  <circle cx="372" cy="120" r="34" fill="#ffd166"/>
</svg>`;

export async function makeIcons(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const size of ICON_SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    await sharp(Buffer.from(svg)).resize(size, size).png().toFile(file);
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../assets/icons");
  for (const file of await makeIcons(out)) console.log(`wrote ${file}`);
}
