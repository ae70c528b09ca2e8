/**
 * Which alerts a nexus answer calls for. Each has a key that names the event
 * (the state, the kind and the day it happened), so recomputing the answer
 * finds the same keys and an alert is raised once.
 */
import type { NexusAnswer } from '../nexus/evaluate.js';
import type { AlertKind } from './types.js';
import { formatUsd } from './render.js';

export interface AlertCandidate {
  key: string;
  kind: AlertKind;
  jurisdictionId: string;
  jurisdictionName: string;
  message: string;
  data: Record<string, unknown>;
}

export function alertsFor(asOf: string, entries: readonly NexusAnswer[]): AlertCandidate[] {
  const alerts: AlertCandidate[] = [];
  for (const e of entries) {
    if (e.registered || e.status === 'no_sales_tax') continue;
    const base = { jurisdictionId: e.jurisdictionId, jurisdictionName: e.name };
    const figures = {
      asOf,
      periodStart: e.current?.periodStart ?? null,
      periodEnd: e.current?.periodEnd ?? null,
      salesCents: e.current?.sales ?? 0,
      transactions: e.current?.transactions ?? 0,
      thresholdCents: e.threshold?.sales ?? null,
      thresholdTransactions: e.threshold?.transactions ?? null,
      ratio: e.ratio,
    };
    if (e.economicSince) {
      const collect = e.collectionRequiredFrom ? `; collection is required from ${e.collectionRequiredFrom}` : '';
      alerts.push({
        ...base,
        key: `threshold_crossed:${e.jurisdictionId}:${e.economicSince}`,
        kind: 'threshold_crossed',
        message: `Sales into ${e.name} crossed the economic nexus threshold on ${e.economicSince} (${e.threshold?.rule ?? 'the state\'s threshold'})${collect}. Levy estimates ${formatUsd(e.exposure.estimatedTax)} of tax not collected so far.`,
        data: { ...figures, economicSince: e.economicSince, collectionRequiredFrom: e.collectionRequiredFrom, estimatedTaxCents: e.exposure.estimatedTax },
      });
    } else if (e.physicalSince) {
      alerts.push({
        ...base,
        key: `physical_presence:${e.jurisdictionId}:${e.physicalSince}`,
        kind: 'physical_presence',
        message: `You have a physical presence in ${e.name} since ${e.physicalSince} and are not registered there: physical presence creates nexus.`,
        data: { ...figures, physicalSince: e.physicalSince, estimatedTaxCents: e.exposure.estimatedTax },
      });
    } else if (e.status === 'approaching' && e.current) {
      alerts.push({
        ...base,
        key: `threshold_approaching:${e.jurisdictionId}:${approachingPeriod(asOf, e)}`,
        kind: 'threshold_approaching',
        message: `Sales into ${e.name} are at ${percent(e.ratio)} of the economic nexus threshold (${formatUsd(e.current.sales)} and ${e.current.transactions} transactions from ${e.current.periodStart} to ${e.current.periodEnd}).`,
        data: figures,
      });
    }
  }
  return alerts;
}

/**
 * What an approaching alert is raised once for: the measured year where the
 * window is a calendar or fixed year; a rolling window moves every day, so
 * for it, once a quarter at most.
 */
function approachingPeriod(asOf: string, e: NexusAnswer): string {
  if (e.threshold?.period.kind !== 'rolling_months') return e.current!.periodStart;
  return `${asOf.slice(0, 4)}-Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1}`;
}

/** "0.8125" → "81%" (truncated: a share is never shown higher than it is). */
function percent(ratio: string | null): string {
  if (!ratio) return '0%';
  const [whole, fraction = ''] = ratio.split('.');
  return `${Number(whole) * 100 + Number(fraction.padEnd(4, '0').slice(0, 2))}%`;
}
