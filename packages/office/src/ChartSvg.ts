/**
 * A `Document.Chart` as SVG, for a web page or an app: horizontal bars (stacked when the chart
 * is), the categories down the left in the document's order, a value axis with round ticks, the
 * values on single bars, a legend when there are several series. Text is escaped, Vietnamese
 * letters are kept as they are (UTF-8), and the font falls back from Times New Roman to any serif.
 * The Word document draws the same chart natively (`WordDocument`).
 *
 * @since 0.1.0
 */
import { Document } from "@danvan/core"

const palette = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E"]

const colorOf = (series: Document.Chart["series"][number], index: number) =>
  series.color === undefined ? palette[index % palette.length] : `#${series.color}`

const escape = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;")

/**
 * A round step for about `count` ticks up to `max`: 1, 2 or 5 times a power of ten.
 *
 * @category math
 * @since 0.1.0
 */
export const tickStep = (max: number, count = 5): number => {
  if (max <= 0) return 1
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  return Math.max(1, step)
}

/**
 * The chart as an SVG document of the given width (the height follows the number of categories).
 *
 * @category rendering
 * @since 0.1.0
 */
export const render = (chart: Document.Chart, width = 720): string => {
  const font = 'font-family="Times New Roman, Liberation Serif, serif"'
  const label = Math.min(260, Math.max(80, 7.5 * Math.max(0, ...chart.categories.map((c) => [...c].length))))
  const band = chart.stacked ? 28 : 36
  const top = 44
  const plotWidth = width - label - 40
  const totals = chart.categories.map((_, i) =>
    chart.stacked
      ? chart.series.reduce((a, s) => a + (s.values[i] ?? 0), 0)
      : Math.max(0, ...chart.series.map((s) => s.values[i] ?? 0))
  )
  const step = tickStep(Math.max(0, ...totals))
  const max = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step)
  const x = (v: number) => label + (v / max) * plotWidth
  const plotHeight = chart.categories.length * band
  const legend = chart.series.length > 1
  const height = top + plotHeight + 44 + (legend ? 24 * Math.ceil(chart.series.length / 3) : 0)
  const out: Array<string> = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(chart.title)}">`,
    `<title>${escape(chart.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold" ${font}>${escape(chart.title)}</text>`
  ]
  for (let v = 0; v <= max; v += step) {
    out.push(
      `<line x1="${x(v)}" y1="${top}" x2="${x(v)}" y2="${top + plotHeight}" stroke="#d9d9d9"/>`,
      `<text x="${x(v)}" y="${top + plotHeight + 16}" text-anchor="middle" font-size="11" ${font}>${Document.formatCount(v)}</text>`
    )
  }
  out.push(
    `<text x="${label + plotWidth / 2}" y="${top + plotHeight + 34}" text-anchor="middle" font-size="12" ${font}>${escape(chart.valueTitle)}</text>`
  )
  chart.categories.forEach((category, i) => {
    const y = top + i * band
    out.push(
      `<text x="${label - 6}" y="${y + band / 2 + 4}" text-anchor="end" font-size="12" ${font}>${escape(category)}</text>`
    )
    let start = 0
    chart.series.forEach((s, k) => {
      const value = s.values[i] ?? 0
      const barHeight = chart.stacked ? band * 0.6 : (band * 0.6) / chart.series.length
      const barY = y + band * 0.2 + (chart.stacked ? 0 : k * barHeight)
      const from = chart.stacked ? start : 0
      out.push(
        `<rect x="${x(from)}" y="${barY}" width="${Math.max(0, x(from + value) - x(from))}" height="${barHeight}" fill="${colorOf(s, k)}"><title>${escape(`${category} — ${s.name}: ${Document.formatCount(value)}`)}</title></rect>`
      )
      if (!chart.stacked) {
        out.push(
          `<text x="${x(value) + 4}" y="${barY + barHeight / 2 + 4}" font-size="11" ${font}>${Document.formatCount(value)}</text>`
        )
      }
      start += value
    })
  })
  if (legend) {
    chart.series.forEach((s, k) => {
      const lx = label + (k % 3) * (plotWidth / 3)
      const ly = top + plotHeight + 52 + Math.floor(k / 3) * 24
      out.push(
        `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${colorOf(s, k)}"/>`,
        `<text x="${lx + 18}" y="${ly}" font-size="12" ${font}>${escape(s.name)}</text>`
      )
    })
  }
  out.push("</svg>")
  return `${out.join("\n")}\n`
}
