/** A filing period's status in words (the colour only repeats them). */
import type { PeriodStatus } from './types';

const LABEL: Record<PeriodStatus, string> = { open: 'Open', closed: 'Closed · not filed', filed: 'Filed' };

export function PeriodBadge({ status }: { status: PeriodStatus }) {
  return <span className={`badge period-${status}`}>{LABEL[status]}</span>;
}
