import { z } from 'zod';
import { isoDate } from '../../engine/schemas.js';
import { TaxError } from '../../errors/tax-error.js';
import { filingPeriods, periodOf, type Frequency } from '../../returns/periods.js';
import { returnTotals, returnTransactions } from '../../store/returns.repository.js';
import { fileReturn, filedPeriods, getFiledReturn, lockReturnsForFiling } from '../../store/filed-returns.repository.js';
import type { Db } from '../../store/open.js';
import { answerOnce } from '../idempotency.js';
import { formatMinorUnits } from '../../money/format.js';
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

const returnQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

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
});

const fileBody = z.strictObject({
  /** When it was filed with the state (a date or an instant). */
  filedAt: z.string().min(10).max(40),
  confirmation: z.string().max(200).nullable().optional(),
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
  const reportOf = async (sellerId: string, jurisdictionId: string, periodText: string) => {
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

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/returns/:jurisdictionId/:period',
    tag: 'Returns',
    summary: 'A return\'s figures for a US state and period (2026-09, 2026-Q3, 2026), from the committed ledger; ?format=csv for a file',
    description: 'Sales sourced to the state and dated in the period, refunds dated in it, and the breakdown by county, city and special district. Marketplace sales are left out: the facilitator reports them.',
    query: returnQuery,
    response: returnReport,
    handler: async ({ params, query, reply, sellerId }) => {
      const report = await reportOf(sellerId, params.jurisdictionId!, params.period!);
      if (query.format !== 'csv') return report;
      reply.serializer((payload: unknown) => String(payload)).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="levy-return-${report.jurisdictionId}-${report.period}.csv"`);
      const money = (cents: number) => formatMinorUnits(cents, 2).replace(/,/g, '');
      const lines = [
        'line,jurisdiction_id,name,level,amount,taxable_amount,exempt_amount,tax',
        `gross_sales,${report.jurisdictionId},,,${money(report.grossSales)},,,`,
        `refunds,${report.jurisdictionId},,,${money(report.refunds.gross)},,,${money(report.refunds.tax)}`,
        `net_sales,${report.jurisdictionId},,,${money(report.netSales)},,,`,
        `non_taxable_sales,${report.jurisdictionId},,,${money(report.nonTaxableSales)},,,`,
        ...report.exemptByReason.map((e) => `exempt_sales:${e.reason},${report.jurisdictionId},,,${money(e.amount)},,,`),
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
    response: listOf(returnTransaction),
    handler: async ({ params, sellerId }) => {
      const p = parsePeriod(params.period!);
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
