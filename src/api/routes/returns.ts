import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isoDate } from '../../engine/schemas.js';
import { TaxError } from '../../errors/tax-error.js';
import { filingPeriods, periodOf, type Frequency } from '../../returns/periods.js';
import { returnTotals, returnTransactions } from '../../store/returns.repository.js';
import { REGISTRATION_RETURNS, fileReturn, filedPeriods, getFiledReturn, lockReturnsForFiling } from '../../store/filed-returns.repository.js';
import type { Db } from '../../store/open.js';
import { answerOnce } from '../idempotency.js';
import { formatMinorUnits } from '../../money/format.js';
import { minorUnits } from '../../money/currency.js';
import { registrationReport } from '../../returns/registration-report.js';
import { isUsId, registrationScope, reportedOn, type RegistrationScope } from '../../returns/scope.js';
import { registrationReturnTotals, registrationReturnTransactions } from '../../store/registration-returns.repository.js';
import { listRegistrations, sellerToday } from '../../store/config.repository.js';
import type { Deps } from '../deps.js';
import { defineRoute } from '../route.js';
import { listOf } from '../schemas.js';

const filingPeriod = z.object({
  jurisdictionId: z.string(),
  frequency: z.enum(['monthly', 'quarterly', 'annual']),
  /** False when the registration has no filing frequency and quarterly is assumed. */
  frequencySet: z.boolean(),
  period: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['open', 'closed', 'filed']),
});

const periodsQuery = z.strictObject({ jurisdictionId: z.string().min(2).max(40).optional(), asOf: isoDate.optional() });

const currencyParam = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code such as CAD' })
  .describe('Returns outside the US: the currency of the figures (default the registration\'s: CAD for CA, EUR for EU-OSS); transactions in other currencies are counted in otherCurrencies');

const returnQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional(), currency: currencyParam.optional() });

const transactionsQuery = z.strictObject({ currency: currencyParam.optional() });

const figures = z.object({ taxableAmount: z.number().int(), exemptAmount: z.number().int(), tax: z.number().int() });

const returnReport = z.object({
  jurisdictionId: z.string(),
  period: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['open', 'closed', 'filed']),
  grossSales: z.number().int().describe('Sales (tax excluded) sourced to the state in the period, before refunds'),
  refunds: z.object({ gross: z.number().int(), tax: z.number().int(), transactions: z.number().int() }).describe('Refunds dated in the period (negative)'),
  netSales: z.number().int(),
  nonTaxableSales: z.number().int(),
  exemptSales: z.number().int(),
  exemptByReason: z.array(z.object({ reason: z.string(), amount: z.number().int() })),
  taxableSales: z.number().int(),
  taxCollected: z.number().int().describe('The state\'s and its local jurisdictions\' tax, net of refunds'),
  transactions: z.number().int(),
  jurisdictions: z.array(figures.extend({ id: z.string(), name: z.string(), level: z.string() })),
  filedAt: z.string().nullable(),
  confirmation: z.string().nullable(),
  // Returns of registrations outside the US (CA, CA-BC, GB, DE, EU-OSS ...) only:
  currency: z.string().optional().describe('Outside the US: the currency of every figure'),
  covers: z.array(z.string()).optional().describe('Outside the US: the jurisdictions whose tax the return reports (CA: the GST and the harmonized provinces\' HST)'),
  reverseChargeSales: z.number().int().optional().describe('Outside the US: sales whose tax the customer accounts for (reverse charge); part of exemptSales'),
  otherCurrencies: z
    .array(z.object({ currency: z.string(), transactions: z.number().int() }))
    .optional()
    .describe('Outside the US: transactions in the return\'s scope invoiced in other currencies, not in these figures (ask again with ?currency=)'),
});

const fileBody = z.strictObject({
  /** When it was filed with the state (a date or an instant). */
  filedAt: z.string().min(10).max(40),
  confirmation: z.string().max(200).nullable().optional(),
  /** Returns outside the US: the currency of the figures filed (default the registration's). */
  currency: currencyParam.optional(),
});

const returnTransaction = z.object({ id: z.string(), type: z.enum(['sale', 'refund']), date: z.string(), gross: z.number().int(), taxable: z.number().int(), tax: z.number().int() });

/** `2026-09`, `2026-Q3` or `2026`, as a period with its bounds. */
function parsePeriod(text: string) {
  const frequency: Frequency | undefined = /^\d{4}$/.test(text) ? 'annual' : /^\d{4}-Q[1-4]$/.test(text) ? 'quarterly' : /^\d{4}-(0[1-9]|1[0-2])$/.test(text) ? 'monthly' : undefined;
  if (!frequency) throw new TaxError('parameter_invalid', `${text} is not a period: write 2026-09 (a month), 2026-Q3 (a quarter) or 2026 (a year)`, 'period');
  const first = frequency === 'quarterly' ? `${text.slice(0, 4)}-${String((Number(text.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01` : frequency === 'monthly' ? `${text}-01` : `${text}-01-01`;
  return periodOf(first, frequency);
}

export function registerReturns({ app, registry, db, engine }: Deps): void {
  const usState = (id: string) => {
    const j = engine.content.jurisdictions.get(id);
    if (!j || j.level !== 'state' || !id.startsWith('US-')) throw new TaxError('jurisdiction_unknown', `${id}: returns are prepared for US states (US-TX, US-WA ...)`, 'jurisdictionId');
    return id;
  };
  /** The return of a registration outside the US, with what it covers; the id's error names where to look instead. */
  const registration = async (db: Db, sellerId: string, id: string, p: { start: string; end: string }): Promise<RegistrationScope> => {
    const held = new Set((await listRegistrations(db, sellerId)).map((r) => r.jurisdictionId));
    const scope = registrationScope(engine.content, id, p, held);
    if (!scope) {
      const on = reportedOn(engine.content, id);
      throw new TaxError('jurisdiction_unknown', on ? `${id}'s tax is reported on the ${on} return: ask for /v1/returns/${on}/...` : `${id}: returns are prepared for US states (US-TX, US-WA ...) and for VAT/GST registrations (CA, CA-BC, GB, DE, EU-OSS ...)`, 'jurisdictionId');
    }
    if (!held.has(id)) throw new TaxError('jurisdiction_unknown', `${id}: the seller has no ${id} registration (PUT /v1/registrations/${id})`, 'jurisdictionId');
    return scope;
  };
  const registrationLive = async (db: Db, sellerId: string, scope: RegistrationScope, currency: string, p: ReturnType<typeof parsePeriod>) => {
    const [today, totals] = await Promise.all([sellerToday(db, sellerId), registrationReturnTotals(db, sellerId, { covers: scope.covers, currency, start: p.start, end: p.end })]);
    return registrationReport(scope, currency, p, totals, today);
  };
  const registrationReportOf = async (sellerId: string, id: string, periodText: string, currency: string | undefined) => {
    const p = parsePeriod(periodText);
    const scope = await registration(db, sellerId, id, p);
    const filed = await getFiledReturn(db, sellerId, id, p.period);
    const report = filed?.report as z.output<typeof returnReport> | undefined;
    if (filed && report && (currency === undefined || currency === report.currency)) return report;
    const live = await registrationLive(db, sellerId, scope, currency ?? scope.currency, p);
    return filed ? { ...live, status: 'filed' as const, filedAt: filed.filedAt, confirmation: filed.confirmation } : live;
  };
  const noCurrencyInUs = (currency: string | undefined) => {
    if (currency !== undefined) throw new TaxError('parameter_invalid', 'a US state\'s return counts its sales in the currency they were made in: currency applies to returns outside the US', 'currency');
  };
  const reportOf = async (sellerId: string, jurisdictionId: string, periodText: string, currency?: string) => {
    if (!isUsId(jurisdictionId)) return registrationReportOf(sellerId, jurisdictionId, periodText, currency);
    noCurrencyInUs(currency);
    const state = usState(jurisdictionId);
    const p = parsePeriod(periodText);
    const filed = await getFiledReturn(db, sellerId, state, p.period);
    if (filed) return filed.report as z.output<typeof returnReport>;
    return liveReport(db, sellerId, state, p);
  };
  const liveReport = async (db: Db, sellerId: string, state: string, p: ReturnType<typeof parsePeriod>) => {
    const today = (await sellerToday(db, sellerId));
    const t = await returnTotals(db, sellerId, state, p.start, p.end);
    const own = t.jurisdictions.find((j) => j.id === state) ?? { taxableAmount: 0, exemptAmount: 0, tax: 0 };
    const netSales = t.sales.gross + t.refunds.gross;
    return {
      jurisdictionId: state,
      ...p,
      status: (p.end < today ? 'closed' : 'open') as 'open' | 'closed' | 'filed',
      grossSales: t.sales.gross,
      refunds: t.refunds,
      netSales,
      nonTaxableSales: netSales - own.taxableAmount - own.exemptAmount,
      exemptSales: own.exemptAmount,
      exemptByReason: t.exemptByReason,
      taxableSales: own.taxableAmount,
      taxCollected: t.jurisdictions.reduce((sum, j) => sum + j.tax, 0),
      transactions: t.sales.transactions + t.refunds.transactions,
      jurisdictions: t.jurisdictions,
      filedAt: null as string | null,
      confirmation: null as string | null,
    };
  };

  const fileRegistrationReturn = async (request: FastifyRequest, sellerId: string, id: string, periodText: string, body: z.output<typeof fileBody>) => {
    const p = parsePeriod(periodText);
    const scope = await registration(db, sellerId, id, p);
    const today = await sellerToday(db, sellerId);
    if (p.end >= today) throw new TaxError('parameter_invalid', `the ${p.period} period has not ended: a return is filed after its period`, 'period');
    return answerOnce(db, request, sellerId, body, async (tx) => {
      // As for a state: the figures read and the filing recorded under one lock, shared by every return outside the US.
      await lockReturnsForFiling(tx, sellerId, REGISTRATION_RETURNS);
      const live = await registrationLive(tx, sellerId, scope, body.currency ?? scope.currency, p);
      const report = { ...live, status: 'filed' as const, filedAt: body.filedAt, confirmation: body.confirmation ?? null };
      await fileReturn(tx, sellerId, { jurisdictionId: scope.registrationId, period: p.period, start: p.start, end: p.end, filedAt: body.filedAt, confirmation: body.confirmation ?? null, report });
      return report;
    });
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/returns/:jurisdictionId/:period',
    tag: 'Returns',
    summary: 'A return\'s figures for a US state or a VAT/GST registration and a period (2026-09, 2026-Q3, 2026), from the committed ledger; ?format=csv for a file',
    description:
      'Sales sourced to the state and dated in the period, refunds dated in it, and the breakdown by county, city and special district. Marketplace sales are left out: the facilitator reports them. ' +
      'Outside the US the id is the registration the return is filed under (CA for GST/HST, CA-BC, CA-QC, GB, DE, AU, EU-OSS ...): the transactions with a line taxed by a jurisdiction it covers, in one currency, with reverse-charged sales as a figure of their own.',
    query: returnQuery,
    response: returnReport,
    handler: async ({ params, query, reply, sellerId }) => {
      const report: z.output<typeof returnReport> = await reportOf(sellerId, params.jurisdictionId!, params.period!, query.currency);
      if (query.format !== 'csv') return report;
      reply.serializer((payload: unknown) => String(payload)).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="levy-return-${report.jurisdictionId}-${report.period}.csv"`);
      const digits = report.currency === undefined ? 2 : (minorUnits(report.currency) ?? 2);
      const money = (cents: number) => formatMinorUnits(cents, digits).replace(/,/g, '');
      const lines = [
        'line,jurisdiction_id,name,level,amount,taxable_amount,exempt_amount,tax',
        ...(report.currency === undefined ? [] : [`currency,${report.jurisdictionId},${report.currency},,,,,`]),
        `gross_sales,${report.jurisdictionId},,,${money(report.grossSales)},,,`,
        `refunds,${report.jurisdictionId},,,${money(report.refunds.gross)},,,${money(report.refunds.tax)}`,
        `net_sales,${report.jurisdictionId},,,${money(report.netSales)},,,`,
        `non_taxable_sales,${report.jurisdictionId},,,${money(report.nonTaxableSales)},,,`,
        ...report.exemptByReason.map((e) => `exempt_sales:${e.reason},${report.jurisdictionId},,,${money(e.amount)},,,`),
        ...(report.reverseChargeSales === undefined ? [] : [`reverse_charge_sales,${report.jurisdictionId},,,${money(report.reverseChargeSales)},,,`]),
        `taxable_sales,${report.jurisdictionId},,,${money(report.taxableSales)},,,`,
        ...report.jurisdictions.map((j) => `jurisdiction,${j.id},"${j.name.replace(/"/g, '""')}",${j.level},,${money(j.taxableAmount)},${money(j.exemptAmount)},${money(j.tax)}`),
        `tax_collected,${report.jurisdictionId},,,,,,${money(report.taxCollected)}`,
      ];
      return `${lines.join('\r\n')}\r\n` as never;
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/returns/:jurisdictionId/:period/file',
    tag: 'Returns',
    summary: 'Record that the return was filed: the period is closed to changes, and the return reads the same from now on',
    description:
      'Sales, commits and refunds dated in a filed period are refused (`period_filed`): date them in the open period. ' +
      'Voiding a sale of a filed period records a full refund of it in the open period.',
    body: fileBody,
    response: returnReport,
    handler: async ({ request, body, params, sellerId }) => {
      if (!isUsId(params.jurisdictionId!)) return fileRegistrationReturn(request, sellerId, params.jurisdictionId!, params.period!, body);
      noCurrencyInUs(body.currency);
      const state = usState(params.jurisdictionId!);
      const p = parsePeriod(params.period!);
      const today = (await sellerToday(db, sellerId));
      if (p.end >= today) throw new TaxError('parameter_invalid', `the ${p.period} period has not ended: a return is filed after its period`, 'period');
      return answerOnce(db, request, sellerId, body, async (tx) => {
        // Figures read and the filing recorded under one lock: no write into the period slips between them.
        await lockReturnsForFiling(tx, sellerId, state);
        const report = { ...(await liveReport(tx, sellerId, state, p)), status: 'filed' as const, filedAt: body.filedAt, confirmation: body.confirmation ?? null };
        await fileReturn(tx, sellerId, { jurisdictionId: state, period: p.period, start: p.start, end: p.end, filedAt: body.filedAt, confirmation: body.confirmation ?? null, report });
        return report;
      });
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/returns/:jurisdictionId/:period/transactions',
    tag: 'Returns',
    summary: 'The transactions behind a return, in date order',
    description: 'Outside the US, each transaction\'s taxable amount and tax are those of the jurisdictions the return covers.',
    query: transactionsQuery,
    response: listOf(returnTransaction),
    handler: async ({ params, query, sellerId }) => {
      const p = parsePeriod(params.period!);
      if (!isUsId(params.jurisdictionId!)) {
        const scope = await registration(db, sellerId, params.jurisdictionId!, p);
        const currency = query.currency ?? scope.currency;
        return { data: await registrationReturnTransactions(db, sellerId, { covers: scope.covers, currency, start: p.start, end: p.end }), nextCursor: null };
      }
      noCurrencyInUs(query.currency);
      return { data: await returnTransactions(db, sellerId, usState(params.jurisdictionId!), p.start, p.end), nextCursor: null };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/filing-periods',
    tag: 'Returns',
    summary: 'Filing periods of each registration, newest first: open, closed (ended, not filed) or filed',
    description: 'Periods follow the registration\'s filing frequency (monthly 2026-09, quarterly 2026-Q3, annual 2026) from its effective date; quarterly when it has none.',
    query: periodsQuery,
    response: listOf(filingPeriod),
    handler: async ({ query, sellerId }) => {
      const today = query.asOf ?? (await sellerToday(db, sellerId));
      const filed = await filedPeriods(db, sellerId);
      const registrations = (await listRegistrations(db, sellerId)).filter((r) => !query.jurisdictionId || r.jurisdictionId === query.jurisdictionId);
      if (query.jurisdictionId && registrations.length === 0) throw new TaxError('resource_not_found', `no registration for ${query.jurisdictionId}`, 'jurisdictionId');
      const data = registrations.flatMap((r) =>
        filingPeriods(r.effectiveDate, r.filingFrequency ?? 'quarterly', today, new Set([...filed].filter((k) => k.startsWith(`${r.jurisdictionId}|`)).map((k) => k.split('|')[1]!))).map((p) => ({
          jurisdictionId: r.jurisdictionId,
          frequency: r.filingFrequency ?? 'quarterly',
          frequencySet: r.filingFrequency !== null,
          ...p,
        })),
      );
      return { data, nextCursor: null };
    },
  });
}
