import { groupDigits } from '../text/plain.ts';
// A lab's live figures: numbers the viewer shows beside its counts while a run goes on, from the
// worker (DriverIO.figures) or derived by the page (LabPanel.figures). One shape for every lab, so
// a new lab adds figures without touching the frame or the viewer.

export interface LabFigure {
  /** Stable within a lab; the viewer keys its elements (and tests their selectors) on it. */
  id: string;
  /** A short label a learner reads, e.g. "observed ratio (last 2 s)". */
  label: string;
  value: number;
  /** Appended after the formatted value, e.g. "req/s". */
  unit?: string;
  /** A gauge's limit: the viewer draws value against it. */
  max?: number;
  format?: 'count' | 'percent' | 'ratio' | 'bytes' | 'rate' | 'ms';
}

/** A figure a lab declares before it has a value (LabPanel.workerFigures). */
export type FigureSlot = Omit<LabFigure, 'value'>;

/** A figure's value as text, by its format. Pure, so the viewer and tests agree. */
export function formatFigure(f: LabFigure): string {
  const v = f.value;
  let text: string;
  if (!Number.isFinite(v)) text = '–';
  else
    switch (f.format) {
      case 'percent': {
        const pct = v * 100;
        text = `${pct < 10 && pct !== 0 ? pct.toFixed(1) : Math.round(pct)}%`;
        break;
      }
      case 'ratio':
        text = v.toFixed(3);
        break;
      case 'bytes':
        text = v < 1024 ? `${v} B` : v < 1024 * 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${(v / 1024 / 1024).toFixed(1)} MiB`;
        break;
      case 'rate':
        text = `${v < 10 ? v.toFixed(1) : groupDigits(Math.round(v))}/s`;
        break;
      case 'ms':
        text = `${v < 10 ? v.toFixed(2) : Math.round(v)} ms`;
        break;
      case 'count':
        text = groupDigits(Math.round(v));
        break;
      default:
        text = String(+v.toFixed(3));
    }
  return f.unit ? `${text} ${f.unit}` : text;
}
