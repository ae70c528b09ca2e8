/**
 * The seller's products: how each is taxed (its tax category), the billing
 * system ids that map to it, and which one stands in for unknown products.
 * Search and the category filter live in the URL (?q=&category=) so a
 * filtered list can be linked; several rows can be selected and given one
 * tax category at once.
 */
import { useState } from 'react';
import { api } from './api';
import { BatchAssign } from './BatchAssign';
import { Dialog } from './Dialog';
import { useNavigation } from './navigation';
import { ProductForm } from './ProductForm';
import type { Product, Role, SellerSettings, TaxCategory } from './settings-types';
import type { List } from './types';
import { useAction } from './useAction';
import { useAllPages } from './useAllPages';
import { useApi } from './useApi';
import './styles/settings.css';

const productKey = (p: Product) => p.id;

function matches(p: Product, q: string, category: string): boolean {
  if (category && p.taxCategory !== category) return false;
  if (!q) return true;
  const needle = q.toLowerCase();
  return [p.id, p.name ?? '', ...p.externalIds].some((text) => text.toLowerCase().includes(needle));
}

export function Products({ role }: { role: Role }) {
  const { url, navigate } = useNavigation();
  const q = url.searchParams.get('q') ?? '';
  const category = url.searchParams.get('category') ?? '';
  const products = useAllPages<Product>('/v1/products');
  const categoryList = useApi<List<TaxCategory>>('/v1/tax-categories');
  const settings = useApi<SellerSettings>('/v1/settings');
  const [defaultId, setDefaultId] = useState<string | null | undefined>(undefined);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const categories = categoryList.state === 'ready' ? categoryList.data.data : [];
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const all = products.loaded.state === 'ready' ? [...products.loaded.data].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : [];
  const shown = all.filter((p) => matches(p, q, category));
  const currentDefault = defaultId !== undefined ? defaultId : settings.state === 'ready' ? settings.data.defaultProductId : null;
  const chosen = shown.filter((p) => selected.has(p.id)).map((p) => p.id);

  const makeDefault = useAction((_key: string, id: string) => api<SellerSettings>('PATCH', '/v1/settings', { defaultProductId: id }));

  function setQuery(key: 'q' | 'category', value: string) {
    const params = new URLSearchParams(url.searchParams);
    if (value) params.set(key, value);
    else params.delete(key);
    const search = params.toString();
    navigate(`/products${search ? `?${search}` : ''}`, { replace: true });
  }

  function toggle(id: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const allShownSelected = shown.length > 0 && chosen.length === shown.length;

  return (
    <section className="card products" aria-labelledby="products-title">
      <div className="card-head">
        <h1 id="products-title">Products</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')} disabled={categories.length === 0}>
          Add product
        </button>
      </div>
      <p className="muted small intro">
        Each product is taxed by its tax category. External ids are your billing system&rsquo;s price ids that mean the same product.
        {settings.state === 'ready' && settings.data.unknownProduct === 'default' && ' A product id Levy does not know is taxed as the default product.'}
      </p>
      <form className="filters" role="search" aria-label="Filter products" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="products-q">Search</label>
          <input id="products-q" type="search" value={q} onChange={(e) => setQuery('q', e.target.value)} placeholder="Id, name or external id" />
        </div>
        <div>
          <label htmlFor="products-category">Tax category</label>
          <select id="products-category" value={category} onChange={(e) => setQuery('category', e.target.value)}>
            <option value="">Any</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      <BatchAssign
        selected={chosen}
        categories={categories}
        onAssigned={(changed, to) => {
          products.replace(changed, productKey);
          setSelected(new Set());
          setNotice(`${to.name} (${to.id}) assigned to ${changed.map((p) => p.id).join(', ')}.`);
        }}
      />
      <div aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {makeDefault.error && (
          <p className="error" role="alert">
            Could not set the default product: {makeDefault.error.message}
          </p>
        )}
      </div>

      {products.loaded.state === 'error' && (
        <p className="error" role="alert">
          Could not load the products: {products.loaded.error.message}
        </p>
      )}
      {categoryList.state === 'error' && (
        <p className="error" role="alert">
          Could not load the tax categories: {categoryList.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data products-table" aria-busy={products.loaded.state === 'loading'}>
          <caption className="sr-only">Products{q || category ? ', filtered' : ''}</caption>
          <thead>
            <tr>
              <th scope="col" className="select">
                <input
                  type="checkbox"
                  aria-label="Select every product shown"
                  checked={allShownSelected}
                  onChange={(e) => setSelected(e.target.checked ? new Set(shown.map((p) => p.id)) : new Set())}
                  disabled={shown.length === 0}
                />
              </th>
              <th scope="col">Product</th>
              <th scope="col">Tax category</th>
              <th scope="col">External ids</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => {
              const isDefault = p.id === currentDefault;
              return (
                <tr key={p.id} data-product={p.id} data-selected={selected.has(p.id) || undefined}>
                  <td className="select">
                    <input type="checkbox" aria-label={`Select ${p.id}`} checked={selected.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                  </td>
                  <th scope="row">
                    <span className="product-id">{p.id}</span>
                    {isDefault && <span className="badge badge-default">Default</span>}
                    {p.name && <span className="muted small block-line">{p.name}</span>}
                  </th>
                  <td data-category={p.taxCategory}>
                    {categoryName.get(p.taxCategory) ?? p.taxCategory}
                    <span className="muted small block-line ref">{p.taxCategory}</span>
                  </td>
                  <td>
                    {p.externalIds.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="chips">
                        {p.externalIds.map((e) => (
                          <li key={e} className="ref">
                            {e}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="quiet" onClick={() => setEditing(p)} aria-label={`Edit ${p.id}`}>
                      Edit
                    </button>
                    {role === 'admin' && !isDefault && (
                      <button
                        type="button"
                        className="quiet"
                        disabled={makeDefault.busy}
                        aria-label={`Make ${p.id} the default product`}
                        onClick={async () => {
                          const saved = await makeDefault.run(p.id);
                          if (saved) {
                            setDefaultId(saved.defaultProductId);
                            setNotice(`${p.id} is now the default product.`);
                          }
                        }}
                      >
                        Make default
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {products.loaded.state === 'loading' && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {products.loaded.state === 'ready' && (
        <p className="muted small" role="status">
          {all.length === 0 ? 'No products yet: add one, or let transactions name their tax category directly.' : shown.length === all.length ? `${all.length} products` : `${shown.length} of ${all.length} products match`}
        </p>
      )}

      <Dialog open={editing !== null} title={editing === 'new' ? 'Add a product' : 'Edit product'} onClose={() => setEditing(null)}>
        {editing !== null && (
          <ProductForm
            key={editing === 'new' ? 'new' : editing.id}
            product={editing === 'new' ? null : editing}
            categories={categories}
            taken={(id) => all.some((p) => p.id === id)}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              products.replace([saved], productKey);
              setEditing(null);
              setNotice(`${saved.id} saved.`);
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
