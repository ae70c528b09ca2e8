/**
 * The general-ledger side of the tax figures: the journal of tax collected
 * to post (or to compare with what was posted), and the reconciliation of
 * an uploaded GL against it.
 */
import { Readable } from 'node:stream';
import { TaxError } from '../../errors/tax-error.js';
import { glAccountsOf } from '../../gl/accounts.js';
import { formatAmount, journalCsv, parseGlCsv } from '../../gl/csv.js';
import { buildJournal, journalTotals } from '../../gl/journal.js';
import { reconcile } from '../../gl/reconcile.js';
import { minorUnits } from '../../money/currency.js';
import { getSettings } from '../../store/config.repository.js';
import { taxByJurisdiction } from '../../store/gl.repository.js';
import type { Db } from '../../store/open.js';
import type { Deps } from '../deps.js';
import { journal, journalQuery, reconciliation, reconciliationQuery } from '../gl-schemas.js';
import { answerOnce } from '../idempotency.js';
import { defineRoute } from '../route.js';

/** A GL extract for a reconciliation is small; this bounds what one request holds in memory. */
const MAX_GL_BYTES = 16 * 1024 * 1024;

export function registerGl({ app, registry, db }: Deps): void {
  const ledgerJournal = async (db: Db, sellerId: string, range: { from: string; to: string }) => {
    if (range.to < range.from) throw new TaxError('parameter_invalid', `to (${range.to}) is before from (${range.from})`, 'to');
    const [settings, rows] = await Promise.all([getSettings(db, sellerId), taxByJurisdiction(db, sellerId, range.from, range.to)]);
    const accounts = glAccountsOf(settings.glAccounts);
    return { accounts, lines: buildJournal(rows, accounts, range) };
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/gl/journal',
    tag: 'General ledger',
    summary: 'Journal lines of tax collected and refunded, per month and jurisdiction, balanced to the clearing account; ?format=csv for a file',
    description:
      'Tax on sales credits the jurisdiction\'s tax-payable account, tax on refunds debits it; one balancing line per month and currency goes to the clearing account. ' +
      'Each level of a return (state, county, city, district; country or province) is a line of its own, and a state\'s lines for a month add up to its return\'s taxCollected. ' +
      'Accounts come from settings.glAccounts (default: 2200 tax payable, 1200 clearing). Marketplace sales are left out.',
    query: journalQuery,
    response: journal,
    handler: async ({ query, reply, sellerId }) => {
      const { accounts, lines } = await ledgerJournal(db, sellerId, query);
      if (query.format === 'csv') {
        reply.serializer((payload: unknown) => String(payload)).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="levy-gl-${query.from}-${query.to}.csv"`);
        return journalCsv(lines) as never;
      }
      return {
        from: query.from,
        to: query.to,
        accounts,
        lines: lines.map((l) => ({ ...l, debit: formatAmount(l.debit, l.currency), credit: formatAmount(l.credit, l.currency) })),
        totals: journalTotals(lines).map((t) => ({ currency: t.currency, debit: formatAmount(t.debit, t.currency), credit: formatAmount(t.credit, t.currency) })),
      };
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/gl/reconciliations',
    tag: 'General ledger',
    summary: 'Compare a GL extract (Content-Type: text/csv) with the ledger\'s journal: every difference by period, jurisdiction and account',
    description:
      'Columns in any order, matched by name: period (2026-07), debit, credit (1234.56), and account or jurisdiction_id or both; currency optional (default ?currency=, else USD); others are ignored, so the journal export can be sent back as it is. ' +
      'Amounts are compared net (credit less debit). A bad value is a 400 `csv_invalid` naming its row and column.',
    query: reconciliationQuery,
    rawBody: 'text/csv',
    response: reconciliation,
    handler: async ({ request, query, sellerId }) => {
      if (!(request.body instanceof Readable)) throw new TaxError('unsupported_media_type', 'send the GL extract as the body with Content-Type: text/csv', 'body');
      const currency = query.currency ?? 'USD';
      if (minorUnits(currency) === undefined) throw new TaxError('currency_unknown', `${currency} is not an ISO 4217 currency code`, 'currency');
      const text = await readText(request.body, MAX_GL_BYTES);
      const gl = parseGlCsv(text, currency);
      return answerOnce(db, request, sellerId, { csv: text }, async (tx) => {
        const { accounts, lines } = await ledgerJournal(tx, sellerId, query);
        const result = reconcile(lines, gl.rows, { has: gl.has, clearingAccount: accounts.clearing, from: query.from, to: query.to });
        return {
          from: query.from,
          to: query.to,
          ...result,
          differences: result.differences.map((d) => ({
            ...d,
            ledger: formatAmount(d.ledger, d.currency),
            gl: formatAmount(d.gl, d.currency),
            difference: formatAmount(d.difference, d.currency),
          })),
          totals: result.totals.map((t) => ({
            currency: t.currency,
            ledgerDebit: formatAmount(t.ledgerDebit, t.currency),
            ledgerCredit: formatAmount(t.ledgerCredit, t.currency),
            glDebit: formatAmount(t.glDebit, t.currency),
            glCredit: formatAmount(t.glCredit, t.currency),
          })),
        };
      });
    },
  });
}

async function readText(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) throw new TaxError('body_too_large', `the GL extract is larger than ${maxBytes} bytes: reconcile a shorter range`, 'body');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
