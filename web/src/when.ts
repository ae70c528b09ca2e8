/** An API timestamp as the reader's local date and time: "Mar 4, 2025, 2:05 PM". */
const format = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

export const formatInstant = formatWhen;
