/** Test images drawn in the browser, so tests need no image files. */
export async function patternBlob(spec: { pattern: "gradient" | "checker" | "rings" | "cutout"; colors: [string, string]; width: number; height: number }): Promise<Blob> {
  const canvas = new OffscreenCanvas(spec.width, spec.height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context");
  const [a, b] = spec.colors;
  if (spec.pattern === "gradient") {
    const g = ctx.createLinearGradient(0, 0, spec.width, spec.height);
    g.addColorStop(0, a);
    g.addColorStop(1, b);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, spec.width, spec.height);
  } else if (spec.pattern === "checker") {
    const cell = Math.max(8, Math.round(Math.min(spec.width, spec.height) / 8));
    for (let y = 0; y < spec.height; y += cell)
      for (let x = 0; x < spec.width; x += cell) {
        ctx.fillStyle = ((x + y) / cell) % 2 === 0 ? a : b;
        ctx.fillRect(x, y, cell, cell);
      }
  } else if (spec.pattern === "cutout") {
    // A cut-out: a two-colour disc on transparent pixels (about 37 % of the image is see-through).
    const r = Math.min(spec.width, spec.height) * 0.45;
    const g = ctx.createLinearGradient(0, 0, spec.width, 0);
    g.addColorStop(0, a);
    g.addColorStop(1, b);
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.arc(spec.width / 2, spec.height / 2, r, 0, Math.PI * 2);
    ctx.fill();
  } else {
    const cx = spec.width / 2;
    const cy = spec.height / 2;
    const step = Math.max(6, Math.min(cx, cy) / 8);
    for (let r = Math.hypot(cx, cy); r > 0; r -= step) {
      ctx.fillStyle = Math.round(r / step) % 2 === 0 ? a : b;
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  return canvas.convertToBlob({ type: "image/png" });
}
