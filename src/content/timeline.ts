/**
 * Dated values: each holds from its `from` date until the next entry's
 * `from`, or until its own `to` (inclusive) where it ended. A date before the
 * first entry, or in a gap after a `to`, has no value.
 */

export interface Dated {
  from: string;
  to?: string | undefined;
}

export class Timeline<T extends Dated> {
  private constructor(private readonly entries: readonly T[]) {}

  /** Entries must already be checked by {@link timelineProblems}. */
  static of<T extends Dated>(entries: readonly T[]): Timeline<T> {
    return new Timeline(entries);
  }

  static empty<T extends Dated>(): Timeline<T> {
    return new Timeline<T>([]);
  }

  /** Every entry, in date order. */
  get all(): readonly T[] {
    return this.entries;
  }

  /** The entry in force on `date` (`YYYY-MM-DD`), if any. */
  at(date: string): T | undefined {
    const entries = this.entries;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.from <= date) {
        return entry.to !== undefined && date > entry.to ? undefined : entry;
      }
    }
    return undefined;
  }

}

/** What is wrong with a list of dated entries, as `[index, message]` pairs. */
export function timelineProblems(entries: readonly Dated[]): Array<[number, string]> {
  const problems: Array<[number, string]> = [];
  entries.forEach((entry, i) => {
    if (entry.to !== undefined && entry.to < entry.from) {
      problems.push([i, `to (${entry.to}) is before from (${entry.from})`]);
    }
    const next = entries[i + 1];
    if (!next) return;
    if (next.from <= entry.from) {
      problems.push([i + 1, `from (${next.from}) must come after the previous entry's from (${entry.from}); keep entries in date order, one per date`]);
    } else if (entry.to !== undefined && entry.to >= next.from) {
      problems.push([i, `to (${entry.to}) overlaps the next entry, which starts ${next.from}`]);
    }
  });
  return problems;
}

/** True when the entries cover every day from `start` onwards, with no gap and no end. */
export function coversFrom(entries: readonly Dated[], start: string, nextDay: (d: string) => string): boolean {
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first || !last || first.from > start || last.to !== undefined) return false;
  for (let i = 0; i + 1 < entries.length; i++) {
    const entry = entries[i]!;
    const next = entries[i + 1]!;
    // A gap matters only where it reaches past the start of the coverage asked for.
    if (entry.to !== undefined && nextDay(entry.to) !== next.from && next.from > start) return false;
  }
  return true;
}
