/**
 * Products, product tax categories and tax id checks in Anrok's shapes.
 * An Anrok product is a Levy product whose id is the external id (and which
 * carries it as an external id, so lines name it either way); Anrok's
 * product tax categories are Levy's tax categories, all of type `standard`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../api/deps.js';
import { answerOnce } from '../../api/idempotency.js';
import { TaxError } from '../../errors/tax-error.js';
import { productByExternalId } from '../../store/anrok.repository.js';
import { getProduct, putProduct } from '../../store/config.repository.js';
import { checkTaxId } from '../../taxid/check.js';
import { levyAddress, regionCodes } from './address.js';
import { AnrokBadRequest, AnrokConflict } from './errors.js';
import { prefixedPath } from './path.js';
import type { AnrokPost } from './plugin.js';
import { createProductBody, taxIdValidateBody } from './schemas.js';

/** Anrok's rule for external ids: letters, digits, spaces and `.-_:`, no leading, trailing or doubled spaces. */
const EXTERNAL_ID = /^[A-Za-z0-9.\-_:]+( [A-Za-z0-9.\-_:]+)*$/;

/** What each tax id type is called, for taxId/validate. */
const TAX_ID_NAMES: Record<string, { name: string; abbreviation: string | null }> = {
  eu_vat: { name: 'VAT identification number', abbreviation: 'VAT' },
  gb_vat: { name: 'VAT registration number', abbreviation: 'VAT' },
  ch_vat: { name: 'VAT number', abbreviation: 'MWST' },
  no_vat: { name: 'VAT number', abbreviation: 'MVA' },
  au_abn: { name: 'Australian Business Number', abbreviation: 'ABN' },
  nz_gst: { name: 'GST number', abbreviation: 'GST' },
  ca_bn: { name: 'GST/HST account number', abbreviation: null },
  ca_gst_hst: { name: 'GST/HST account number', abbreviation: null },
  ca_qst: { name: 'QST registration number', abbreviation: null },
  jp_trn: { name: 'Qualified invoice issuer registration number', abbreviation: 'T-number' },
  sg_gst: { name: 'GST registration number', abbreviation: 'GST' },
};

export function registerCatalog(scope: FastifyInstance, post: AnrokPost, { db, engine }: Deps): void {
  const categories = engine.content.categories;
  const jurisdictions = engine.content.jurisdictions;
  const regions = regionCodes(jurisdictions.values());

  post('/products/create', createProductBody, async ({ request, sellerId }, body) => {
    if (!EXTERNAL_ID.test(body.externalId)) throw new AnrokConflict('externalIdInvalid', { message: 'The external ID may contain only letters, digits, spaces and .-_: with no leading, trailing or consecutive spaces.' });
    if (body.taxCategoryId.type !== 'standard' || !categories.has(body.taxCategoryId.id)) throw new AnrokConflict('taxCategoryIdNotFound');
    return answerOnce(db, request, sellerId, body, async (tx) => {
      if ((await getProduct(tx, sellerId, body.externalId)) || (await productByExternalId(tx, sellerId, body.externalId))) throw new AnrokConflict('externalIdAlreadyExists');
      await putProduct(tx, sellerId, body.externalId, { name: body.name, taxCategory: body.taxCategoryId.id, externalIds: [body.externalId] }).catch((e: unknown) => {
        throw e instanceof TaxError && e.code === 'external_id_taken' ? new AnrokConflict('externalIdAlreadyExists') : e;
      });
      return {};
    });
  });

  scope.post('/products/*', async (request) => {
    const path = prefixedPath(request.url, '/v1/seller/products/', 'externalId');
    if (!path || path.action !== 'get') throw new AnrokBadRequest(`No endpoint POST ${request.url.split('?')[0]}`, 404);
    const sellerId = request.sellerId!;
    const product = (await productByExternalId(db, sellerId, path.value)) ?? (await getProduct(db, sellerId, path.value));
    if (!product) throw new AnrokConflict('productExternalIdNotFound');
    // Levy keeps no product description.
    return { externalId: path.value, taxCategoryId: { type: 'standard', id: product.taxCategory }, name: product.name ?? product.id, description: '' };
  });

  post('/productTaxCategories/list', z.object({}), async () => ({
    productTaxCategories: [...categories.values()].map((c) => ({ id: { type: 'standard', id: c.id }, name: c.name })),
  }));

  post('/taxId/validate', taxIdValidateBody, async (_ctx, body) => {
    const address = levyAddress(body.customerAddress, regions);
    if (address.country === 'US') return { jurises: [] };
    const country = jurisdictions.get(address.country);
    if (!country || country.level !== 'country') throw new AnrokConflict('validationNotSupportedForCountry');
    const region = address.region ? jurisdictions.get(`${address.country}-${address.region}`) : undefined;
    const jurises = [country, ...(region ? [region] : [])].filter((j) => j.taxIdTypes.length > 0);
    return {
      jurises: jurises.map((j) => ({
        name: j === country && region ? `${j.name} (federal)` : j.name,
        taxIdNames: TAX_ID_NAMES[j.taxIdTypes[0]!] ?? { name: 'Tax ID', abbreviation: null },
        validTaxIds: body.customerTaxIds.filter((t) => j.taxIdTypes.some((type) => checkTaxId(type, t.value).valid)).map((t) => ({ value: t.value })),
      })),
    };
  });
}
