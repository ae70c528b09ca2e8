/** The API answers the dashboard reads (src/api/nexus-schemas.ts and src/api/schemas.ts are the source). */
export type NexusStatus = 'registered' | 'physical' | 'economic' | 'approaching' | 'none' | 'no_sales_tax';

export interface NexusEntry {
  jurisdictionId: string;
  name: string;
  status: NexusStatus;
  registered: boolean;
  registeredSince: string | null;
  physicalSince: string | null;
  economicSince: string | null;
  collectionRequiredFrom: string | null;
  threshold: {
    sales: number;
    transactions: number | null;
    operator: 'or' | 'and' | null;
    over: boolean;
    transactionsOver: boolean;
    periodText: string;
    counts: 'gross' | 'retail' | 'taxable';
    marketplace: boolean;
    rule: string;
    ref: string;
  } | null;
  current: { periodStart: string; periodEnd: string; sales: number; transactions: number } | null;
  ratio: string | null;
  exposure: { since: string | null; until: string | null; taxableSales: number; estimatedTax: number; transactions: number };
}

export interface NexusReport {
  asOf: string;
  lookbackYears: number;
  backfillCompletedAt: string | null;
  data: NexusEntry[];
}

interface Sales {
  gross: number;
  retail: number;
  taxable: number;
}

export interface NexusDetail extends NexusEntry {
  asOf: string;
  months: Array<{ month: string; sales: Sales; marketplaceSales: Sales; transactions: number; marketplaceTransactions: number; estimatedTax: number; collectedTax: number }>;
}

export interface Registration {
  jurisdictionId: string;
  effectiveDate: string;
  registrationNumber: string | null;
  filingFrequency: 'monthly' | 'quarterly' | 'annual' | null;
}

export interface List<T> {
  data: T[];
  nextCursor: string | null;
}

export type TransactionStatus = 'uncommitted' | 'committed' | 'voided';

export interface TransactionSummary {
  id: string;
  type: 'sale' | 'refund';
  originalId: string | null;
  status: TransactionStatus;
  version: number;
  date: string;
  currency: string;
  customerId: string | null;
  subtotal: number;
  tax: number;
  total: number;
}

export interface LineJurisdiction {
  id: string;
  name: string;
  level: string;
  taxName: string;
  rate: string;
  taxableAmount: number;
  exemptAmount: number;
  tax: number;
  collect: boolean;
  notCollectedTax: number;
  rule: string;
  ref: string;
  exemption?: string;
}

export interface TransactionDetail extends TransactionSummary {
  mode: 'collect' | 'estimate';
  discount: number;
  exemptAmount: number;
  address: { country: string; region?: string; postalCode?: string; county?: string; city?: string; resolution: string };
  lines: Array<{
    id: string;
    productId: string;
    taxCategory: string;
    amount: number;
    discount: number;
    taxableAmount: number;
    exemptAmount: number;
    tax: number;
    jurisdictions: LineJurisdiction[];
    notTaxed: Array<{ id: string; name: string; level: string; reason: string; rule: string; ref: string }>;
  }>;
  source: 'api' | 'import';
  marketplace: boolean;
  taxCollected: number | null;
  createdAt: string;
  committedAt: string | null;
  voidedAt: string | null;
  versions: Array<{ version: number; createdAt: string }>;
  refunds: Array<{ id: string; status: TransactionStatus; date: string; total: number }>;
  filing: { jurisdictionId: string; period: string; filedAt: string; confirmation: string | null } | null;
}

export type PeriodStatus = 'open' | 'closed' | 'filed';

export interface FilingPeriod {
  jurisdictionId: string;
  frequency: 'monthly' | 'quarterly' | 'annual';
  frequencySet: boolean;
  period: string;
  start: string;
  end: string;
  status: PeriodStatus;
}

export interface ReturnFigures {
  taxableAmount: number;
  exemptAmount: number;
  tax: number;
}

export interface ReturnReport {
  jurisdictionId: string;
  period: string;
  start: string;
  end: string;
  status: PeriodStatus;
  grossSales: number;
  refunds: { gross: number; tax: number; transactions: number };
  netSales: number;
  nonTaxableSales: number;
  exemptSales: number;
  exemptByReason: Array<{ reason: string; amount: number }>;
  taxableSales: number;
  taxCollected: number;
  transactions: number;
  jurisdictions: Array<ReturnFigures & { id: string; name: string; level: string }>;
  filedAt: string | null;
  confirmation: string | null;
  currency?: string;
  covers?: string[];
  reverseChargeSales?: number;
  otherCurrencies?: Array<{ currency: string; transactions: number }>;
}

export interface ReturnTransaction {
  id: string;
  type: 'sale' | 'refund';
  date: string;
  gross: number;
  taxable: number;
  tax: number;
}
