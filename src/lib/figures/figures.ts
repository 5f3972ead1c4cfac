// Figures as data: loading content/figures/ and content/sources/, checking each figure against
// the text its source quotes, and finding pages that retype a figure instead of citing it.
// Pure functions plus two folder readers, so node:test can run them without Astro.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { figureSchema, type FigureData } from '../../schemas/figure.ts';
import { formatNumber, formatValue, isRange, type FigureValue } from './format.ts';

export { figureDisplay, formatNumber, formatValue } from './format.ts';

export interface Figure extends FigureData {
  id: string;
}

export interface SourceQuote {
  at: string;
  text: string;
}

export interface SourceRecord {
  id: string;
  status: 'verified' | 'secondary' | 'unverified' | 'illustrative';
  quotes?: SourceQuote[];
}

const ROOT = process.cwd();

/** Reads every content/figures/*.yaml through the collection's schema; a file that fails it throws with its name. */
export function loadFigures(root: string = join(ROOT, 'content', 'figures')): Figure[] {
  return yamlFiles(root).map(({ id, data, name }) => {
    const parsed = figureSchema.safeParse(data);
    if (!parsed.success) {
      throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return { id, ...parsed.data };
  });
}

export function loadSources(root: string = join(ROOT, 'content', 'sources')): Map<string, SourceRecord> {
  return new Map(yamlFiles(root).map(({ id, data }) => [id, { id, ...(data as Omit<SourceRecord, 'id'>) }]));
}

function yamlFiles(root: string): { id: string; name: string; data: unknown }[] {
  return readdirSync(root)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ id: name.slice(0, -'.yaml'.length), name, data: parse(readFileSync(join(root, name), 'utf8')) }));
}

/** The first number in a literal such as "55x", ".9%" or "648 millisecond"; NaN when there is none. */
export function leadingNumber(literal: string): number {
  return numbersIn(literal)[0] ?? Number.NaN;
}

/** Every number in a literal, in order: [5, 60] for "5-60s", [6073] for "$6,073". */
export function numbersIn(literal: string): number[] {
  return [...literal.replace(/,(?=\d{3})/g, '').matchAll(/\d*\.?\d+/g)].map((m) => Number(m[0]));
}

const numbersOf = (value: FigureValue): number[] => (isRange(value) ? [value.min, value.max] : [value]);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What is wrong with one figure, in words a writer can act on; empty when nothing is.
 * A verified figure needs a verified source that quotes the place the figure names (`at`), and the
 * number as the quote writes it (`quotedAs`) must be in that text and equal the figure's value.
 */
export function figureProblems(figure: Figure, sources: Map<string, SourceRecord>): string[] {
  const problems: string[] = [];
  const source = sources.get(figure.source);
  if (!source) return [`source "${figure.source}" is not a file in content/sources/`];
  if (isRange(figure.value)) {
    // A range's display must carry the range as <Figure> would write it, so "5–60 s" cannot be shown as "5–50 s".
    const range = formatValue(figure.value, figure.unit);
    if (figure.display !== undefined && !collapse(figure.display).includes(range)) {
      problems.push(`display "${figure.display}" does not contain the range ${range}`);
    }
  } else {
    const writtenForms = [formatNumber(figure.value), figure.value.toLocaleString('en-US', { maximumFractionDigits: 20 })];
    if (!writtenForms.some((form) => collapse(figure.display ?? '').includes(form))) {
      problems.push(`display "${figure.display}" does not contain the value ${formatNumber(figure.value)}`);
    }
  }
  if (figure.status === 'verified') {
    if (source.status !== 'verified') {
      problems.push(`status is verified but its source "${source.id}" is ${source.status}`);
    }
    const quote = source.quotes?.find((q) => q.at === figure.at);
    if (!quote) {
      problems.push(`status is verified but source "${source.id}" quotes no text at "${figure.at}"`);
    } else if (figure.quotedAs === undefined || !collapse(quote.text).includes(collapse(figure.quotedAs))) {
      problems.push(`status is verified but "${figure.quotedAs}" does not occur in the ${figure.at} of "${source.id}" as quoted`);
    } else {
      const read = numbersIn(figure.quotedAs).slice(0, numbersOf(figure.value).length);
      if (read.join('–') !== numbersOf(figure.value).join('–')) {
        const expected = isRange(figure.value) ? `the range ${formatValue(figure.value, figure.unit)}` : `the value ${figure.value}`;
        problems.push(`quotedAs "${figure.quotedAs}" reads as ${read.join('–') || 'no number'}, not ${expected}`);
      }
    }
  }
  if (figure.status === 'illustrative' && figure.command) {
    problems.push('an illustrative figure has no command: a measured figure is not a scenario');
  }
  return problems;
}

/**
 * The forms a page would use to retype the figure, from its value and unit, plus its own `literals`.
 * A range has one derived form here, as <Figure> writes it ("5–60 s"); its other spellings are
 * matched by `rangePattern`, since dash, spacing and unit words combine too many ways to list.
 */
export function literalForms(figure: Figure): string[] {
  if (isRange(figure.value)) return [...new Set([formatValue(figure.value, figure.unit), ...(figure.literals ?? [])])];
  const n = formatNumber(figure.value);
  const byUnit: Record<string, string[]> = {
    '×': [`${n}×`, `${n}x`, `${n} times`],
    '%': [`${n}%`, `${n} %`, `${n} percent`],
    ms: [`${n} ms`, `${n}ms`, `${n} millisecond`],
    s: [`${n} s`, `${n} second`],
  };
  const derived = byUnit[figure.unit] ?? [`${n} ${figure.unit}`];
  return [...new Set([...derived, ...(figure.literals ?? [])])];
}

export interface Restatement {
  line: number;
  figure: string;
  literal: string;
  text: string;
}

/**
 * Lines of an MDX page that state a figure without <Figure>: the text outside frontmatter, code
 * fences, import lines and the <Figure … /> tags themselves. A literal matches only as a whole
 * number ("55×" is not found inside "155×" or "0.55×", "$6,073" not inside "$6,073.60"),
 * case-insensitively. A figure with `context` counts only on a line that also has one of its words,
 * so "5 ms" in a Lua-filter row is found but not the same number in an unrelated sentence.
 */
export function findRestatements(mdx: string, figures: Figure[]): Restatement[] {
  const patterns = figures.flatMap((figure) => {
    const context = figure.context?.map((word) => new RegExp(`(?<![A-Za-z])${escapeRegExp(word)}(?![A-Za-z])`, 'i'));
    const forms = literalForms(figure).map((literal) => ({ literal, body: escapeRegExp(literal) }));
    if (isRange(figure.value)) forms[0] = { literal: forms[0].literal, body: rangePattern(figure.value, figure.unit) };
    return forms.map(({ literal, body }) => ({
      figure: figure.id,
      literal,
      regex: new RegExp(`(?<![\\d.,])(?:${body})(?![\\dA-Za-z]|[.,]\\d)`, 'i'),
      context,
    }));
  });
  const found: Restatement[] = [];
  const lines = mdx.split('\n');
  let inFrontmatter = lines[0]?.trim() === '---';
  let fence: string | null = null;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (inFrontmatter) {
      if (index > 0 && trimmed === '---') inFrontmatter = false;
      return;
    }
    const fenceMatch = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = null;
      return;
    }
    if (fence !== null || /^import\s/.test(trimmed)) return;
    const text = raw.replace(/<Figure\b[^>]*\/>/g, '').replace(/`[^`]*`/g, '');
    for (const p of patterns) {
      if (!p.regex.test(text)) continue;
      if (p.context && !p.context.some((word) => word.test(text))) continue;
      found.push({ line: index + 1, figure: p.figure, literal: p.literal, text: trimmed });
    }
  });
  return found;
}

// How a unit may be spelled after a number in prose; a unit not listed here is matched as written.
const unitSpellings: Record<string, string[]> = {
  ms: ['ms', 'milliseconds?', 'msecs?'],
  s: ['s', 'secs?', 'seconds?'],
  MB: ['MB', 'megabytes?'],
  GB: ['GB', 'gigabytes?'],
  '%': ['%', 'percent'],
  '×': ['×', 'x', 'times'],
};

const unitPattern = (unit: string) => `\\s?(?:${(unitSpellings[unit] ?? [escapeRegExp(unit)]).join('|')})`;
const numberPattern = (n: number) =>
  [...new Set([formatNumber(n), n.toLocaleString('en-US', { maximumFractionDigits: 20 })])].map(escapeRegExp).join('|');

/**
 * A range as prose writes it: either dash (or the HTML entity) with or without spaces, or "to";
 * the unit after the high end, and optionally after the low end too ("5 s–60 s"). When the ends
 * have different units ("512 MB–8 GB") the low end's unit is required, since "512–8 GB" is another claim.
 */
export function rangePattern(range: { min: number; max: number; minUnit?: string }, unit: string): string {
  const lowUnit = range.minUnit !== undefined && range.minUnit !== unit ? `${unitPattern(range.minUnit)}` : `(?:${unitPattern(unit)})?`;
  const separator = '(?:\\s*(?:[–—‒-]|&ndash;|&mdash;)\\s*|\\s+to\\s+)';
  return `(?:${numberPattern(range.min)})${lowUnit}${separator}(?:${numberPattern(range.max)})${unitPattern(unit)}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every .md/.mdx file under a folder, as paths relative to it. */
export function listPages(root: string = join(ROOT, 'content', 'docs')): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((p) => /\.mdx?$/.test(p))
    .map((p) => p.split('\\').join('/'))
    .sort();
}
