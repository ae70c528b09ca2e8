/**
 * The nexus answer for a seller: loads what {@link evaluateNexus} needs
 * (settings, registrations, presences and the daily aggregates, summed in
 * SQL) and evaluates every US state. The ledger itself is never read.
 */
import type { CompiledContent } from '../content/compile.js';
import { accountingDate } from '../ledger/accounting-date.js';
import { getSettings, listRegistrations } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import { presencesByJurisdiction } from '../store/presence.repository.js';
import { readDailySeries } from '../store/sales-by-day.repository.js';
import { evaluateNexus, historyStart, type NexusAnswer } from './evaluate.js';

export interface NexusReport {
  asOf: string;
  lookbackYears: number;
  backfillCompletedAt: string | null;
  data: NexusAnswer[];
}

/** US states (and DC) in the content, in id order. */
export function usStates(content: CompiledContent) {
  return [...content.jurisdictions.values()].filter((j) => j.level === 'state' && j.id.startsWith('US-')).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function nexusReport(db: Db, content: CompiledContent, sellerId: string, asOf?: string, only?: string): Promise<NexusReport> {
  const settings = await getSettings(db, sellerId);
  const date = asOf ?? accountingDate(new Date().toISOString(), settings.accountingTimeZone);
  const lookbackYears = settings.nexusLookbackYears;
  const [registrations, presences, daysByState] = await Promise.all([
    listRegistrations(db, sellerId),
    presencesByJurisdiction(db, sellerId),
    readDailySeries(db, sellerId, historyStart(date, lookbackYears), date, only),
  ]);
  const registrationOf = new Map(registrations.map((r) => [r.jurisdictionId, r]));
  const data = usStates(content)
    .filter((j) => only === undefined || j.id === only)
    .map((j) =>
      evaluateNexus({
        jurisdiction: j,
        asOf: date,
        lookbackYears,
        days: daysByState.get(j.id) ?? [],
        presences: presences.get(j.id) ?? [],
        registration: registrationOf.get(j.id),
      }),
    );
  return { asOf: date, lookbackYears, backfillCompletedAt: settings.backfillCompletedAt, data };
}
