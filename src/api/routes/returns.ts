import { z } from 'zod';
import { isoDate } from '../../engine/schemas.js';
import { TaxError } from '../../errors/tax-error.js';
import { accountingDate } from '../../ledger/accounting-date.js';
import { filingPeriods } from '../../returns/periods.js';
import { getSettings, listRegistrations } from '../../store/config.repository.js';
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

export function registerReturns({ app, registry, db }: Deps): void {
  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/filing-periods',
    tag: 'Returns',
    summary: 'Filing periods of each registration, newest first: open, closed (ended, not filed) or filed',
    description: 'Periods follow the registration\'s filing frequency (monthly 2026-09, quarterly 2026-Q3, annual 2026) from its effective date; quarterly when it has none.',
    query: periodsQuery,
    response: listOf(filingPeriod),
    handler: async ({ query, sellerId }) => {
      const today = query.asOf ?? accountingDate(new Date().toISOString(), (await getSettings(db, sellerId)).accountingTimeZone);
      const registrations = (await listRegistrations(db, sellerId)).filter((r) => !query.jurisdictionId || r.jurisdictionId === query.jurisdictionId);
      if (query.jurisdictionId && registrations.length === 0) throw new TaxError('resource_not_found', `no registration for ${query.jurisdictionId}`, 'jurisdictionId');
      const data = registrations.flatMap((r) =>
        filingPeriods(r.effectiveDate, r.filingFrequency ?? 'quarterly', today).map((p) => ({
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
