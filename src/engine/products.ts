/**
 * A line's product → its tax category. A line may name a product by its id,
 * by an external id mapped to it (a billing system's price id), or by a tax
 * category id when no product of that id exists, so a quick quote needs no
 * set-up. An unknown id is an error unless the seller falls back to a
 * default product, which the answer then warns about.
 */
import type { CompiledContent } from '../content/compile.js';
import { TaxError } from '../errors/tax-error.js';
import type { Warning } from './schemas.js';
import type { PreparedSeller } from './seller.js';

export interface ResolvedProduct {
  productId: string;
  category: string;
}

/** `index` is the line's position, named in errors as `lines.<index>.productId`. */
export function resolveProduct(
  id: string,
  index: number,
  seller: PreparedSeller,
  content: CompiledContent,
  warnings: Warning[],
): ResolvedProduct {
  const product = seller.productsById.get(id) ?? seller.productsByExternalId.get(id);
  if (product) return { productId: product.id, category: knownCategory(product.taxCategory, product.id, index, content) };
  if (content.categories.has(id)) return { productId: id, category: id };
  const param = `lines.${index}.productId`;
  if (seller.unknownProduct === 'default') {
    const fallback = seller.defaultProductId === null ? undefined : seller.productsById.get(seller.defaultProductId);
    if (!fallback) {
      throw new TaxError(
        'default_product_missing',
        `${id} is not a known product and the default product ${seller.defaultProductId ?? '(none set)'} does not exist`,
        param,
      );
    }
    warnings.push({ code: 'default_product_used', message: `${id} is not a known product: taxed as the default product ${fallback.id}`, param });
    return { productId: fallback.id, category: knownCategory(fallback.taxCategory, fallback.id, index, content) };
  }
  throw new TaxError('product_unknown', `${id} is neither a product, an external id mapped to one, nor a tax category`, param);
}

function knownCategory(category: string, productId: string, index: number, content: CompiledContent): string {
  if (!content.categories.has(category)) {
    throw new TaxError('tax_category_unknown', `product ${productId} has the tax category ${category}, which is not in the catalog`, `lines.${index}.productId`);
  }
  return category;
}
