/**
 * Enables the cost calculator's inputs and recomputes the table as the reader types. Each field
 * is validated on its own; an invalid one is marked and explained beside itself, and only the
 * rows that need it show a dash instead of a total.
 */
import {
  barPercents,
  computeRows,
  totalText,
  validateField,
  type FieldKey,
  type Values,
} from '../../lib/cost/calculator.ts';

function startCalculator(form: HTMLFormElement): void {
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input[name]')];
  const status = form.querySelector<HTMLElement>('[data-calc-status]')!;

  function update(announce: boolean): void {
    const values: Values = {};
    for (const input of inputs) {
      const key = input.name as FieldKey;
      const result = validateField(key, input.value);
      const error = input.closest('[data-field]')!.querySelector<HTMLElement>('[data-field-error]')!;
      if (result.ok) {
        values[key] = result.value;
        input.removeAttribute('aria-invalid');
        error.textContent = '';
      } else {
        input.setAttribute('aria-invalid', 'true');
        error.textContent = result.error;
      }
    }
    const rows = computeRows(values);
    const bars = barPercents(rows);
    for (const row of rows) {
      const tr = form.querySelector<HTMLElement>(`[data-result="${row.key}"]`)!;
      tr.querySelector('[data-total]')!.textContent = totalText(row);
      tr.querySelector('[data-formula]')!.textContent = row.formula;
      tr.querySelector('[data-comparison]')!.textContent = row.comparison;
      tr.querySelector<HTMLElement>('[data-bar]')!.style.inlineSize = `${bars[row.key].toFixed(2)}%`;
    }
    if (announce) {
      status.textContent = rows.map((row) => `${row.title}: ${row.total === null ? 'needs a valid input' : totalText(row)}`).join('. ');
    }
  }

  // Recompute while typing; announce totals only once an edit is finished, not on every key.
  form.addEventListener('input', () => update(false));
  form.addEventListener('change', () => update(true));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.querySelector('[data-calc-restore]')?.addEventListener('click', () => {
    for (const input of inputs) input.value = input.dataset.initial ?? '';
    update(true);
  });

  form.querySelector<HTMLFieldSetElement>('[data-calc-inputs]')!.disabled = false;
  update(false);
}

export function startCostCalculators(): void {
  document.querySelectorAll<HTMLFormElement>('[data-cost-calculator]').forEach(startCalculator);
}
