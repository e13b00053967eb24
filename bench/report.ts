import { z } from "zod";

/** What one bench file reports: labelled measurements and the ratios that compare them. */
export const BenchReportSchema = z.object({
  title: z.string(),
  rows: z.array(z.object({ label: z.string(), value: z.number(), unit: z.string() })),
  ratios: z.array(z.object({ label: z.string(), value: z.number() })),
  notes: z.array(z.string()).default([]),
});
export type BenchReport = z.input<typeof BenchReportSchema>;

export const BenchModuleSchema = z.object({
  default: z.custom<() => Promise<BenchReport>>((v) => typeof v === "function", "a bench file must default-export an async function"),
});

export function formatReport(input: BenchReport): string {
  const report = BenchReportSchema.parse(input);
  const lines = [`${report.title}`];
  for (const row of report.rows) lines.push(`  ${row.label.padEnd(58)} ${fmt(row.value).padStart(12)} ${row.unit}`);
  for (const ratio of report.ratios) lines.push(`  RATIO ${ratio.label.padEnd(52)} ${fmt(ratio.value).padStart(12)}×`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return `${lines.join("\n")}\n`;
}

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

/** Median and 99th percentile of a sample, for latency rows. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("no samples");
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
