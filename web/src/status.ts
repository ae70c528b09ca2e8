import type { NexusStatus } from './types';

/** How each nexus status looks and reads: colour, a pattern so colour is never the only cue, and words. */
export const STATUSES: Array<{ status: NexusStatus; label: string; description: string }> = [
  { status: 'economic', label: 'Economic nexus', description: 'Over the threshold, not registered' },
  { status: 'physical', label: 'Physical nexus', description: 'Presence in the state, not registered' },
  { status: 'approaching', label: 'Approaching', description: 'At least 80% of the threshold' },
  { status: 'registered', label: 'Registered', description: 'Collecting and filing' },
  { status: 'none', label: 'No nexus', description: 'Below the threshold' },
  { status: 'no_sales_tax', label: 'No sales tax', description: 'The state has no general sales tax' },
];

export const STATUS_LABEL = Object.fromEntries(STATUSES.map((s) => [s.status, s.label])) as Record<NexusStatus, string>;

/** A restrained palette: warm tones for what needs action, blue for what is in order, greys for the rest. */
export const COLOR: Record<NexusStatus, string> = {
  economic: '#c2410c',
  physical: '#9f1239',
  approaching: '#f2c04b',
  registered: '#2d6a9f',
  none: '#e3e6ea',
  no_sales_tax: '#f7f8f9',
};

/** The SVG fill of a status: a pattern defined once in <StatusPatterns>. */
export function statusFill(status: NexusStatus): string {
  return `url(#fill-${status})`;
}

/** Statuses that call for action: nexus without a registration. */
export function needsAction(status: NexusStatus): boolean {
  return status === 'economic' || status === 'physical';
}
