/**
 * The product ids in the file that the catalog does not know, each to be
 * assigned before the import: one by one on its row, or all those selected
 * at once. Every answer is the whole import again, handed up.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { errorFor, Field } from './Field';
import type { AssignTarget, ImportView, NewProduct } from './imports-types';
import { formatCount } from './money';
import { describeTarget, targetOf, targetValue, TargetSelect, type Catalog } from './TargetSelect';
import { useAction } from './useAction';

interface NewProductsProps {
  view: ImportView;
  catalog: Catalog;
  onChange: (view: ImportView) => void;
}

const domId = (productId: string) => productId.replace(/[^A-Za-z0-9_-]/g, '_');

export function NewProducts({ view, catalog, onChange }: NewProductsProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batchTarget, setBatchTarget] = useState('');
  const assignBatch = useCallback(
    (_key: string, productIds: string[], assignTo: AssignTarget) =>
      api<ImportView>('POST', `/v1/imports/${encodeURIComponent(view.id)}/products`, { assignments: productIds.map((productId) => ({ productId, assignTo })) }),
    [view.id],
  );
  const batch = useAction(assignBatch);
  const unassigned = view.newProducts.filter((p) => !p.assignedTo).length;
  const all = view.newProducts.map((p) => p.productId);
  const allSelected = selected.size === all.length && all.length > 0;

  const toggle = (productId: string, on: boolean) => {
    const nextSet = new Set(selected);
    if (on) nextSet.add(productId);
    else nextSet.delete(productId);
    setSelected(nextSet);
  };

  async function submitBatch() {
    const target = targetOf(batchTarget);
    if (!target || selected.size === 0) return;
    const answer = await batch.run([...selected], target);
    if (answer) {
      setSelected(new Set());
      onChange(answer);
    }
  }

  return (
    <div className="new-products">
      <p className="small muted" role="status">
        {unassigned === 0
          ? view.newProducts.length === 1
            ? 'The new product id is assigned.'
            : `All ${view.newProducts.length} new product ids are assigned.`
          : `${unassigned} of ${view.newProducts.length} new product ids to assign: to one of your products (the id becomes one of its external ids), or to a new product in a tax category.`}
      </p>
      <div className="batch-bar" role="group" aria-label="Assign the selected product ids">
        <label className="check">
          <input type="checkbox" checked={allSelected} onChange={(event) => setSelected(event.target.checked ? new Set(all) : new Set())} />
          Select all
        </label>
        <Field id="batch-target" label={`Assign ${selected.size} selected to`} error={batch.error ? (errorFor(batch.error, 'assignments') ?? batch.error.message) : null}>
          <TargetSelect value={batchTarget} onChange={setBatchTarget} catalog={catalog} disabled={batch.busy} />
        </Field>
        <button type="button" className="primary" disabled={batch.busy || selected.size === 0 || !batchTarget} onClick={() => void submitBatch()}>
          {batch.busy ? 'Assigning…' : 'Assign selected'}
        </button>
      </div>
      <div className="table-scroll">
        <table className="data new-products-table">
          <thead>
            <tr>
              <th scope="col" className="check-col">
                <span className="sr-only">Selected</span>
              </th>
              <th scope="col">Product id in the file</th>
              <th scope="col" className="num">Rows</th>
              <th scope="col">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {view.newProducts.map((p) => (
              <NewProductRow key={p.productId} importId={view.id} product={p} catalog={catalog} selected={selected.has(p.productId)} onToggle={toggle} onChange={onChange} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface RowProps {
  importId: string;
  product: NewProduct;
  catalog: Catalog;
  selected: boolean;
  onToggle: (productId: string, on: boolean) => void;
  onChange: (view: ImportView) => void;
}

function NewProductRow({ importId, product, catalog, selected, onToggle, onChange }: RowProps) {
  const assigned = targetValue(product.assignedTo);
  const [choice, setChoice] = useState(assigned);
  // A batch assignment changes the row from outside: its select follows.
  useEffect(() => setChoice(assigned), [assigned]);
  const assignOne = useCallback(
    (_key: string, target: AssignTarget) => api<ImportView>('PUT', `/v1/imports/${encodeURIComponent(importId)}/products/${encodeURIComponent(product.productId)}`, target),
    [importId, product.productId],
  );
  const action = useAction(assignOne);
  const id = `assign-${domId(product.productId)}`;
  const target = targetOf(choice);
  const unchanged = choice === assigned;

  async function assign() {
    if (!target) return;
    const answer = await action.run(target);
    if (answer) onChange(answer);
  }

  return (
    <tr data-new-product={product.productId} className={product.assignedTo ? 'assigned' : undefined}>
      <td className="check-col">
        <input type="checkbox" aria-label={`Select ${product.productId}`} checked={selected} onChange={(event) => onToggle(product.productId, event.target.checked)} />
      </td>
      <th scope="row" className="ref-cell">
        <code>{product.productId}</code>
      </th>
      <td className="num">{formatCount(product.rows)}</td>
      <td className="assign-cell">
        <p className="assigned-to" data-assigned={assigned}>
          {product.assignedTo ? (
            <>
              <span className="badge assigned-badge">Assigned</span> {describeTarget(product.assignedTo, catalog)}
            </>
          ) : (
            <span className="badge unassigned-badge">Not assigned</span>
          )}
        </p>
        <div className="assign-row">
          <Field id={id} label={`Assign ${product.productId} to`} error={action.error ? (errorFor(action.error, 'body') ?? action.error.message) : null}>
            <TargetSelect value={choice} onChange={setChoice} catalog={catalog} disabled={action.busy} />
          </Field>
          <button type="button" className="quiet" disabled={action.busy || !target || unchanged} onClick={() => void assign()}>
            {action.busy ? 'Assigning…' : 'Assign'}
            <span className="sr-only"> {product.productId}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}
