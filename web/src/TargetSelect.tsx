/**
 * The one control that says where a new product id goes: an existing
 * product (the id becomes one of its external ids) or a new product of a
 * tax category. One select with two groups keeps a row of the table short.
 */
import type { AssignTarget } from './imports-types';
import type { Product, TaxCategory } from './settings-types';

export interface Catalog {
  products: Product[];
  categories: TaxCategory[];
}

export function targetValue(target: AssignTarget | null): string {
  if (!target) return '';
  return 'productId' in target ? `product:${target.productId}` : `category:${target.taxCategory}`;
}

export function targetOf(value: string): AssignTarget | null {
  if (value.startsWith('product:')) return { productId: value.slice('product:'.length) };
  if (value.startsWith('category:')) return { taxCategory: value.slice('category:'.length) };
  return null;
}

export function describeTarget(target: AssignTarget, catalog: Catalog): string {
  if ('productId' in target) {
    const product = catalog.products.find((p) => p.id === target.productId);
    return product?.name ? `${product.name} (${product.id})` : target.productId;
  }
  const category = catalog.categories.find((c) => c.id === target.taxCategory);
  return `New product: ${category ? category.name : target.taxCategory}`;
}

type SelectProps = { id?: string; value: string; onChange: (value: string) => void; catalog: Catalog; disabled?: boolean; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

export function TargetSelect({ value, onChange, catalog, ...rest }: SelectProps) {
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose…</option>
      <optgroup label="Existing product">
        {catalog.products.map((p) => (
          <option key={p.id} value={`product:${p.id}`}>
            {p.name ? `${p.name} (${p.id})` : p.id}
          </option>
        ))}
      </optgroup>
      <optgroup label="New product in tax category">
        {catalog.categories.map((c) => (
          <option key={c.id} value={`category:${c.id}`}>
            {c.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
