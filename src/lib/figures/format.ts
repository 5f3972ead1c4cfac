// How a figure's value is written, shared by <Figure>, <FigureTable> and the restatement check so
// the text a reader sees and the text the check looks for cannot diverge. No Node imports: the
// components load this at build time.

/** A range as content/figures/ states it: `value: { min: 5, max: 60 }` with `unit: s`. */
export interface FigureRange {
  min: number;
  max: number;
  /** The unit of `min` when it is not the figure's unit: MB in "512 MB–8 GB". */
  minUnit?: string;
}

export type FigureValue = number | FigureRange;

export function isRange(value: FigureValue): value is FigureRange {
  return typeof value !== 'number';
}

/** The number as pages write it: no exponent, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(value);
}

// Signs are written against the number ("55×", "16%"); words and abbreviations after a space.
function withUnit(n: string, unit: string): string {
  return unit === '×' || unit === '%' ? `${n}${unit}` : `${n} ${unit}`;
}

/**
 * The value with its unit: "55×", "648 ms", and for a range "5–60 s" (an en dash, the unit once) or,
 * when the ends have different units, "512 MB–8 GB".
 */
export function formatValue(value: FigureValue, unit: string): string {
  if (!isRange(value)) return withUnit(formatNumber(value), unit);
  const low = value.minUnit !== undefined && value.minUnit !== unit ? withUnit(formatNumber(value.min), value.minUnit) : formatNumber(value.min);
  return `${low}–${withUnit(formatNumber(value.max), unit)}`;
}

/**
 * What a reader sees as the figure's value: its `display`, or for a range without one, the range
 * itself. In a range each number is held to its unit by no-break spaces, so a narrow table column
 * breaks after the dash ("512 MB–" / "8 GB") and never between a number and its unit ("5–60" / "s").
 */
export function figureDisplay(figure: { value: FigureValue; unit: string; display?: string | undefined }): string {
  if (!isRange(figure.value)) return figure.display ?? formatValue(figure.value, figure.unit);
  const range = formatValue(figure.value, figure.unit);
  const bound = range.replace(/ /g, '\u00a0');
  return figure.display === undefined ? bound : figure.display.replace(range, bound);
}
