import { TaxError } from '../../errors/tax-error.js';
import { isTimeZone } from '../../ledger/accounting-date.js';
import { glAccountsOf } from '../../gl/accounts.js';
import {
  assignTaxCategory,
  deleteProduct,
  deleteRegistration,
  getCustomer,
  listCustomers,
  getProduct,
  getSettings,
  listProducts,
  listRegistrations,
  putCustomer,
  putProduct,
  putRegistration,
  updateSettings,
} from '../../store/config.repository.js';
import { sellerName, setSellerName } from '../../store/sellers.repository.js';
import type { Deps } from '../deps.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import {
  customer,
  customerBody,
  customersQuery,
  deleted,
  listOf,
  listQuery,
  me,
  mePatch,
  product,
  productBatchBody,
  productBody,
  registration,
  registrationBody,
  settings,
  settingsPatch,
  taxCategory,
} from '../schemas.js';

export function registerConfig({ app, registry, db, engine }: Deps): void {
  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/me',
    tag: 'Seller',
    summary: 'The seller the API key belongs to',
    response: me,
    handler: async ({ sellerId }) => ({ sellerId, name: await sellerName(db, sellerId) }),
  });

  defineRoute(app, registry, {
    method: 'PATCH',
    url: '/v1/me',
    admin: true,
    tag: 'Seller',
    summary: 'Set the seller\'s name, as customers see it in certificate requests and reminders',
    body: mePatch,
    response: me,
    handler: async ({ body, sellerId }) => {
      const name = body.name.trim();
      if (!name) throw new TaxError('parameter_invalid', 'name must not be blank', 'name');
      return { sellerId, name: await setSellerName(db, sellerId, name) };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/settings',
    tag: 'Seller',
    summary: 'The seller\'s settings',
    response: settings,
    handler: async ({ sellerId }) => getSettings(db, sellerId),
  });

  defineRoute(app, registry, {
    method: 'PATCH',
    url: '/v1/settings',
    admin: true,
    tag: 'Seller',
    summary: 'Change settings: accounting time zone, default product, unknown products, address validation, GL accounts',
    body: settingsPatch,
    response: settings,
    handler: async ({ body, sellerId }) => {
      if (body.accountingTimeZone !== undefined && !isTimeZone(body.accountingTimeZone)) {
        throw new TaxError('time_zone_unknown', `${body.accountingTimeZone} is not an IANA time zone such as America/Los_Angeles`, 'accountingTimeZone');
      }
      if (body.defaultProductId && !(await getProduct(db, sellerId, body.defaultProductId))) {
        throw new TaxError('product_unknown', `there is no product ${body.defaultProductId}`, 'defaultProductId');
      }
      const unknown = Object.keys(body.glAccounts?.byJurisdiction ?? {}).find((id) => !engine.content.jurisdictions.has(id));
      if (unknown !== undefined) {
        throw new TaxError('jurisdiction_unknown', `${unknown} is not a jurisdiction Levy knows (US-TX, US-TX-CITY-AUSTIN, CA-ON, DE ...)`, `glAccounts.byJurisdiction.${unknown}`);
      }
      // The mapping is stored whole, with the defaults where the seller gave none; null clears it.
      const { glAccounts, ...rest } = body;
      return updateSettings(db, sellerId, { ...rest, ...(glAccounts === undefined ? {} : { glAccounts: glAccounts && glAccountsOf(glAccounts) }) });
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/tax-categories',
    tag: 'Seller',
    summary: 'The tax categories products map to, with their AvaTax and TaxJar equivalents',
    response: listOf(taxCategory),
    handler: async () => ({
      data: [...engine.content.categories.values()].map((c) => ({ id: c.id, name: c.name, description: c.description, avataxCode: c.avataxCode, taxjarCode: c.taxjarCode })),
      nextCursor: null,
    }),
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/products/:id',
    tag: 'Products',
    summary: 'Create or replace a product: its tax category and the external ids (billing systems\' price ids) that map to it',
    body: productBody,
    response: product,
    handler: async ({ body, params, sellerId }) => {
      if (!engine.content.categories.has(body.taxCategory)) {
        throw new TaxError('tax_category_unknown', `${body.taxCategory} is not a tax category (see GET /v1/tax-categories)`, 'taxCategory');
      }
      return putProduct(db, sellerId, params.id!, body);
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/products/batch',
    tag: 'Products',
    summary: 'Assign one tax category to several products at once: all of them or, when one is refused, none',
    description: 'Names, external ids and everything else about the products stay as they are. An unknown product is answered resource_not_found with the param ids.<index>.',
    body: productBatchBody,
    response: listOf(product),
    handler: async ({ body, sellerId }) => {
      if (!engine.content.categories.has(body.taxCategory)) {
        throw new TaxError('tax_category_unknown', `${body.taxCategory} is not a tax category (see GET /v1/tax-categories)`, 'taxCategory');
      }
      return { data: await assignTaxCategory(db, sellerId, body.ids, body.taxCategory), nextCursor: null };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/products',
    tag: 'Products',
    summary: 'List products by id',
    query: listQuery,
    response: listOf(product),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
      return page(await listProducts(db, sellerId, limit + 1, after), limit, (last) => last.id);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/products/:id',
    tag: 'Products',
    summary: 'A product',
    response: product,
    handler: async ({ params, sellerId }) => found(await getProduct(db, sellerId, params.id!), 'product', params.id!),
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/products/:id',
    tag: 'Products',
    summary: 'Delete a product (recorded transactions keep what they were taxed as)',
    response: deleted,
    handler: async ({ params, sellerId }) => {
      if (!(await deleteProduct(db, sellerId, params.id!))) throw new TaxError('resource_not_found', `no product ${params.id}`);
      return { id: params.id!, deleted: true as const };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/customers',
    tag: 'Customers',
    summary: 'The seller\'s customers by id, searched by part of the id, name or email',
    query: customersQuery,
    response: listOf(customer),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
      return page(await listCustomers(db, sellerId, query, limit + 1, after), limit, (last) => last.id);
    },
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/customers/:id',
    tag: 'Customers',
    summary: 'Create or replace a customer',
    body: customerBody,
    response: customer,
    handler: async ({ body, params, sellerId }) => putCustomer(db, sellerId, params.id!, { ...body, address: body.address ? { ...body.address } : body.address }),
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/customers/:id',
    tag: 'Customers',
    summary: 'A customer',
    response: customer,
    handler: async ({ params, sellerId }) => found(await getCustomer(db, sellerId, params.id!), 'customer', params.id!),
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/registrations/:jurisdictionId',
    tag: 'Registrations',
    summary: 'Record a registration: tax is collected in the jurisdiction from its effective date',
    description: 'Jurisdiction ids: US-TX, CA (GST/HST), CA-QC, DE, GB, AU, EU-OSS, and self-administered locals such as US-CO-CITY-DENVER.',
    body: registrationBody,
    response: registration,
    handler: async ({ body, params, sellerId }) => {
      const id = params.jurisdictionId!;
      const oss = [...engine.content.unions.values()].some((u) => u.oneStopShop?.registration === id);
      if (!engine.content.jurisdictions.has(id) && !oss) {
        throw new TaxError('jurisdiction_unknown', `${id} is not a jurisdiction Levy knows (US-TX, CA-ON, DE, EU-OSS ...)`, 'jurisdictionId');
      }
      return putRegistration(db, sellerId, id, body);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/registrations',
    tag: 'Registrations',
    summary: 'List registrations',
    response: listOf(registration),
    handler: async ({ sellerId }) => ({ data: await listRegistrations(db, sellerId), nextCursor: null }),
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/registrations/:jurisdictionId',
    tag: 'Registrations',
    summary: 'Delete a registration (recorded transactions keep what was collected)',
    response: deleted,
    handler: async ({ params, sellerId }) => {
      if (!(await deleteRegistration(db, sellerId, params.jurisdictionId!))) throw new TaxError('resource_not_found', `no registration for ${params.jurisdictionId}`);
      return { id: params.jurisdictionId!, deleted: true as const };
    },
  });
}

export function found<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw new TaxError('resource_not_found', `no ${kind} ${id}`);
  return value;
}
