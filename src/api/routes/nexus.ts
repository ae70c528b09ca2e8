import { TaxError } from '../../errors/tax-error.js';
import { nexusReport, usStates } from '../../nexus/report.js';
import { historyStart } from '../../nexus/evaluate.js';
import { monthlySales } from '../../store/sales-by-day.repository.js';
import {
  deleteEmployee,
  deletePhysicalNexus,
  getEmployee,
  getPhysicalNexus,
  listEmployees,
  listPhysicalNexus,
  putEmployees,
  putPhysicalNexus,
} from '../../store/presence.repository.js';
import type { Deps } from '../deps.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import { found } from './config.js';
import { deleted, listOf, listQuery } from '../schemas.js';
import { employee, employeeBody, nexusDetail, nexusQuery, nexusReport as nexusReportSchema, physicalNexus, physicalNexusBody } from '../nexus-schemas.js';

export function registerNexus({ app, registry, db, engine, alerts }: Deps): void {
  const states = new Set(usStates(engine.content).map((j) => j.id));
  const usState = (id: string, param: string) => {
    if (!states.has(id)) throw new TaxError('jurisdiction_unknown', `${id} is not a US state Levy knows (US-TX, US-DC ...)`, param);
    return id;
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/nexus',
    tag: 'Nexus',
    summary: 'Where the seller has nexus, since when, and the tax it has not collected',
    description:
      'One entry per US state. `status` is registered, physical, economic, approaching (at least 80% of a threshold), none or no_sales_tax, in that precedence. ' +
      'Exposure is the tax Levy estimates on sales made while the seller had nexus and was not registered, less what it collected, over the lookback set in settings.',
    query: nexusQuery,
    response: nexusReportSchema,
    handler: async ({ query, sellerId }) => nexusReport(db, engine.content, sellerId, query.asOf),
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/nexus/:jurisdictionId',
    tag: 'Nexus',
    summary: 'One state\'s nexus with the monthly sales behind it',
    query: nexusQuery,
    response: nexusDetail,
    handler: async ({ query, params, sellerId }) => {
      const id = usState(params.jurisdictionId!, 'jurisdictionId');
      const report = await nexusReport(db, engine.content, sellerId, query.asOf, id);
      const months = await monthlySales(db, sellerId, id, historyStart(report.asOf, report.lookbackYears), report.asOf);
      return { ...report.data[0]!, asOf: report.asOf, months };
    },
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/physical-nexus/:jurisdictionId',
    tag: 'Nexus',
    summary: 'Record a physical presence (office, warehouse, people) in a state from a date',
    body: physicalNexusBody,
    response: physicalNexus,
    handler: async ({ body, params, sellerId }) => {
      const saved = await putPhysicalNexus(db, sellerId, usState(params.jurisdictionId!, 'jurisdictionId'), body);
      alerts.schedule(sellerId);
      return saved;
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/physical-nexus',
    tag: 'Nexus',
    summary: 'List physical presences',
    response: listOf(physicalNexus),
    handler: async ({ sellerId }) => ({ data: await listPhysicalNexus(db, sellerId), nextCursor: null }),
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/physical-nexus/:jurisdictionId',
    tag: 'Nexus',
    summary: 'A physical presence',
    response: physicalNexus,
    handler: async ({ params, sellerId }) => found(await getPhysicalNexus(db, sellerId, params.jurisdictionId!), 'physical nexus in', params.jurisdictionId!),
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/physical-nexus/:jurisdictionId',
    tag: 'Nexus',
    summary: 'Delete a physical presence',
    response: deleted,
    handler: async ({ params, sellerId }) => {
      if (!(await deletePhysicalNexus(db, sellerId, params.jurisdictionId!))) throw new TaxError('resource_not_found', `no physical nexus in ${params.jurisdictionId}`);
      return { id: params.jurisdictionId!, deleted: true as const };
    },
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/employees/:id',
    tag: 'Nexus',
    summary: 'Record an employee and where they work: physical nexus there from their start date',
    body: employeeBody,
    response: employee,
    handler: async ({ body, params, sellerId }) => {
      if (body.endDate && body.endDate < body.startDate) throw new TaxError('parameter_invalid', `endDate ${body.endDate} is before startDate ${body.startDate}`, 'endDate');
      if (body.country.toUpperCase() === 'US') usState(`US-${body.region.toUpperCase()}`, 'region');
      const [saved] = await putEmployees(db, sellerId, [{ id: params.id!, ...body }]);
      if (saved!.moved) alerts.schedule(sellerId);
      return saved!.employee;
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/employees',
    tag: 'Nexus',
    summary: 'List employees',
    query: listQuery,
    response: listOf(employee),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
      return page(await listEmployees(db, sellerId, limit + 1, after), limit, (last) => last.id);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/employees/:id',
    tag: 'Nexus',
    summary: 'An employee',
    response: employee,
    handler: async ({ params, sellerId }) => found(await getEmployee(db, sellerId, params.id!), 'employee', params.id!),
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/employees/:id',
    tag: 'Nexus',
    summary: 'Delete an employee (to record that someone left, set endDate instead)',
    response: deleted,
    handler: async ({ params, sellerId }) => {
      if (!(await deleteEmployee(db, sellerId, params.id!))) throw new TaxError('resource_not_found', `no employee ${params.id}`);
      return { id: params.id!, deleted: true as const };
    },
  });
}

