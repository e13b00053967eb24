/**
 * Renders the sample images of the playground and demos (assets/samples/) from SVG with sharp:
 * scenes with clear near/far structure, so a depth map of them is worth looking at.
 * Run: `tsx scripts/make-samples.ts`.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

const landscape = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="683">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4a7fc1"/><stop offset="1" stop-color="#f6d6a8"/></linearGradient>
    <linearGradient id="lake" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6c98c9"/><stop offset="1" stop-color="#1f3f66"/></linearGradient>
  </defs>
  <rect width="1024" height="683" fill="url(#sky)"/>
  <circle cx="780" cy="170" r="60" fill="#fff3c4"/>
  <path d="M0 420 L170 230 L300 360 L460 180 L640 380 L790 260 L1024 430 L1024 683 L0 683 Z" fill="#7a8aa6"/>
  <path d="M0 470 L220 330 L400 450 L600 320 L820 460 L1024 380 L1024 683 L0 683 Z" fill="#4d6b57"/>
  <rect y="500" width="1024" height="183" fill="url(#lake)"/>
  <path d="M0 560 Q 260 520 520 575 T 1024 560 L1024 683 L0 683 Z" fill="#2f4a2a"/>
  <g fill="#1d3320">${[60, 140, 230, 860, 950].map((x, i) => `<path d="M${x} ${640 - i * 4} l34 -${120 + i * 9} l34 ${120 + i * 9} Z"/>`).join("")}</g>
</svg>`;

const room = `<svg xmlns="http://www.w3.org/2000/svg" width="768" height="768">
  <rect width="768" height="768" fill="#d9cbb5"/>
  <path d="M0 0 L220 200 L548 200 L768 0 Z" fill="#efe7da"/>
  <path d="M0 768 L220 560 L548 560 L768 768 Z" fill="#8b6b4e"/>
  <path d="M0 0 L220 200 L220 560 L0 768 Z" fill="#c4b298"/>
  <path d="M768 0 L548 200 L548 560 L768 768 Z" fill="#b8a68b"/>
  <rect x="220" y="200" width="328" height="360" fill="#e4d8c4"/>
  <rect x="300" y="260" width="170" height="140" fill="#9fc4e0" stroke="#6d5a44" stroke-width="8"/>
  <path d="M260 640 L510 640 L470 540 L300 540 Z" fill="#6a4b35"/>
  <rect x="600" y="430" width="90" height="260" fill="#3f5f4a"/>
  <circle cx="645" cy="420" r="60" fill="#5b8c5a"/>
</svg>`;

const vase = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800">
  <defs>
    <radialGradient id="body" cx="0.35" cy="0.4" r="0.7"><stop offset="0" stop-color="#f3b48a"/><stop offset="0.6" stop-color="#c0603a"/><stop offset="1" stop-color="#5a2414"/></radialGradient>
  </defs>
  <ellipse cx="300" cy="740" rx="190" ry="30" fill="#000" opacity="0.25"/>
  <path d="M220 90 L380 90 L370 170 Q 520 300 470 540 Q 440 720 300 740 Q 160 720 130 540 Q 80 300 230 170 Z" fill="url(#body)"/>
  <ellipse cx="300" cy="90" rx="80" ry="18" fill="#3a160c"/>
</svg>`;

export const SAMPLES = [
  { name: "landscape.jpg", svg: landscape, format: "jpeg" },
  { name: "room.png", svg: room, format: "png" },
  { name: "vase.png", svg: vase, format: "png" },
] as const;

export async function makeSamples(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const sample of SAMPLES) {
    const file = path.join(outDir, sample.name);
    const image = sharp(Buffer.from(sample.svg));
    await (sample.format === "jpeg" ? image.jpeg({ quality: 88 }) : image.png()).toFile(file);
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../assets/samples");
  for (const file of await makeSamples(out)) console.log(`wrote ${file}`);
}
