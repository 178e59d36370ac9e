/** A dependency-free SVG bar chart of a latency distribution, for bench results. */
export function svgHistogram(title: string, valuesMs: readonly number[], buckets = 20): string {
  const max = Math.max(...valuesMs, 1);
  const width = Math.max(1, Math.ceil(max / buckets));
  const counts = Array.from({ length: buckets }, () => 0);
  for (const value of valuesMs) counts[Math.min(buckets - 1, Math.floor(value / width))]! += 1;
  const top = Math.max(...counts, 1);
  const [w, h, pad] = [640, 320, 40];
  const barWidth = (w - 2 * pad) / buckets;
  const bars = counts
    .map((count, i) => {
      const barHeight = ((h - 2 * pad) * count) / top;
      const x = pad + i * barWidth;
      const y = h - pad - barHeight;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${barHeight.toFixed(1)}" fill="#4a7bd0"><title>${String(i * width)}–${String((i + 1) * width)} ms: ${String(count)}</title></rect>`;
    })
    .join('\n  ');
  const ticks = [0, Math.round(buckets / 2), buckets]
    .map(
      (i) =>
        `<text x="${(pad + i * barWidth).toFixed(1)}" y="${String(h - pad + 16)}" font-size="11" text-anchor="middle">${String(i * width)} ms</text>`,
    )
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${String(w)}" height="${String(h)}" font-family="sans-serif">
  <text x="${String(pad)}" y="22" font-size="14">${title}</text>
  <line x1="${String(pad)}" y1="${String(h - pad)}" x2="${String(w - pad)}" y2="${String(h - pad)}" stroke="#333"/>
  <text x="${String(pad - 6)}" y="${String(pad + 4)}" font-size="11" text-anchor="end">${String(top)}</text>
  ${bars}
  ${ticks}
</svg>
`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
