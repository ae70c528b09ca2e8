/**
 * One tax category onto every selected product, through POST
 * /v1/products/batch: all of them change or, when one is refused, none does,
 * and the refusal names the product.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { Product, TaxCategory } from './settings-types';
import type { List } from './types';
import { useAction } from './useAction';

interface Props {
  selected: string[];
  categories: TaxCategory[];
  onAssigned: (changed: Product[], category: TaxCategory) => void;
}

export function BatchAssign({ selected, categories, onAssigned }: Props) {
  const [taxCategory, setTaxCategory] = useState('');
  const assign = useAction((key: string, ids: string[], category: string) =>
    api<List<Product>>('POST', '/v1/products/batch', { ids, taxCategory: category }, { 'idempotency-key': key }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await assign.run(selected, taxCategory);
    const category = categories.find((c) => c.id === taxCategory);
    if (answer && category) onAssigned(answer.data, category);
  }

  const error = assign.error;
  // The API names a refused product by its place in the batch (ids.<n>).
  const place = error instanceof ApiError && error.param?.startsWith('ids.') ? Number(error.param.slice(4)) : null;
  const refused = place !== null ? selected[place] : undefined;
  return (
    <form className="batch-assign" onSubmit={submit} aria-label="Assign a tax category to the selected products">
      <span className="batch-count" aria-live="polite">
        {selected.length === 0 ? 'Select products to change several at once' : `${selected.length} selected`}
      </span>
      <label htmlFor="batch-category">Tax category</label>
      <select id="batch-category" value={taxCategory} onChange={(e) => setTaxCategory(e.target.value)} aria-invalid={assign.invalid('taxCategory')} disabled={selected.length === 0}>
        <option value="">Choose…</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.id})
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={selected.length === 0 || taxCategory === '' || assign.busy}>
        {assign.busy ? 'Assigning…' : 'Assign to selected'}
      </button>
      {error && (
        <p className="error" role="alert">
          Nothing was changed{refused ? ` (product ${refused})` : ''}: {error.message}
        </p>
      )}
    </form>
  );
}
