/**
 * Add or edit a product: its id (fixed once created), name, tax category and
 * the external ids (billing systems' price ids) that map to it. PUT
 * /v1/products/:id creates or replaces, so editing sends the whole product.
 */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import { errorFor, Field } from './Field';
import type { Product, TaxCategory } from './settings-types';
import { useAction } from './useAction';
import { FormActions } from './FormActions';

interface Props {
  /** The product being edited; null adds a new one. */
  product: Product | null;
  categories: TaxCategory[];
  /** Whether a product has this id already: PUT would replace it, so adding refuses. */
  taken: (id: string) => boolean;
  onSaved: (product: Product) => void;
  onCancel: () => void;
}

/** External ids typed one a line or separated by commas. */
function externalIdsOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

export function ProductForm({ product, categories, taken, onSaved, onCancel }: Props) {
  const [id, setId] = useState(product?.id ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [taxCategory, setTaxCategory] = useState(product?.taxCategory ?? categories[0]?.id ?? '');
  const [externalIds, setExternalIds] = useState((product?.externalIds ?? []).join('\n'));
  const [idProblem, setIdProblem] = useState<string | null>(null);
  const save = useAction((_key: string) =>
    api<Product>('PUT', `/v1/products/${encodeURIComponent(id.trim())}`, {
      name: name.trim() === '' ? null : name.trim(),
      taxCategory,
      externalIds: externalIdsOf(externalIds),
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    // An empty id would PUT to /v1/products/, another route altogether.
    const problem = id.trim() === '' ? 'Give the product an id.' : !product && taken(id.trim()) ? `There is a product ${id.trim()} already: edit it instead.` : null;
    setIdProblem(problem);
    if (problem) return;
    const saved = await save.run();
    if (saved) onSaved(saved);
  }

  const unplaced = save.error && !['taxCategory', 'externalIds', 'name'].some((f) => errorFor(save.error, f)) ? save.error.message : null;
  const current = categories.find((c) => c.id === taxCategory);
  return (
    <form className="form product-form" onSubmit={submit} noValidate>
      <Field id="product-id" label="Product id" hint={product ? 'The id cannot change: add a new product instead.' : 'What your API calls send as productId, e.g. pro-plan.'} error={idProblem}>
        <input value={id} onChange={(e) => setId(e.target.value)} readOnly={product !== null} autoComplete="off" spellCheck={false} autoFocus={product === null} />
      </Field>
      <Field id="product-name" label="Name" error={errorFor(save.error, 'name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" autoFocus={product !== null} />
      </Field>
      <Field id="product-category" label="Tax category" hint={current?.description} error={errorFor(save.error, 'taxCategory')}>
        <select value={taxCategory} onChange={(e) => setTaxCategory(e.target.value)}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.id})
            </option>
          ))}
        </select>
      </Field>
      <Field id="product-external-ids" label="External ids" hint="Price or SKU ids from your billing system that mean this product, one a line." error={errorFor(save.error, 'externalIds')}>
        <textarea value={externalIds} onChange={(e) => setExternalIds(e.target.value)} rows={3} spellCheck={false} />
      </Field>
      {unplaced && (
        <p className="error" role="alert">
          {unplaced}
        </p>
      )}
      <FormActions label={product ? 'Save product' : 'Add product'} busy={save.busy} onCancel={onCancel} />
    </form>
  );
}
