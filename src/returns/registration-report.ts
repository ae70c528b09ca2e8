/**
 * A VAT/GST return's figures outside the US, from the ledger's sums: the
 * same shape as a US state's return, plus the currency, the jurisdictions
 * it covers and the sales whose tax the customer accounts for (reverse
 * charge), which VAT returns report in a box of their own.
 */
import type { RegistrationReturnTotals } from '../store/registration-returns.repository.js';
import type { RegistrationScope } from './scope.js';

export interface Period {
  period: string;
  start: string;
  end: string;
}

export function registrationReport(scope: RegistrationScope, currency: string, p: Period, t: RegistrationReturnTotals, today: string) {
  const netSales = t.sales.gross + t.refunds.gross;
  return {
    jurisdictionId: scope.registrationId,
    ...p,
    status: (p.end < today ? 'closed' : 'open') as 'open' | 'closed' | 'filed',
    currency,
    covers: scope.covers,
    grossSales: t.sales.gross,
    refunds: t.refunds,
    netSales,
    nonTaxableSales: netSales - t.taxableAmount - t.exemptAmount,
    exemptSales: t.exemptAmount,
    exemptByReason: t.exemptByReason,
    reverseChargeSales: t.reverseCharge,
    taxableSales: t.taxableAmount,
    taxCollected: t.jurisdictions.reduce((sum, j) => sum + j.tax, 0),
    transactions: t.sales.transactions + t.refunds.transactions,
    jurisdictions: t.jurisdictions,
    otherCurrencies: t.otherCurrencies,
    filedAt: null as string | null,
    confirmation: null as string | null,
  };
}
