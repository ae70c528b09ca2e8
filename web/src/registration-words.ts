import type { FilingFrequency } from './attention-types';

export const FREQUENCY_LABEL: Record<FilingFrequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
