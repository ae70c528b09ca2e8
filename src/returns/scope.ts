/**
 * What a VAT/GST return outside the United States covers. A return is filed
 * per registration, not per jurisdiction: Canada's GST/HST return (`CA`)
 * carries the GST and the HST of the harmonized provinces, whose content
 * lists `registrations: [CA]`; British Columbia's PST (`CA-BC`) and Quebec's
 * QST (`CA-QC`) have returns of their own; the EU One-Stop Shop (`EU-OSS`)
 * carries every member state's VAT. Each covered jurisdiction's id is what
 * the engine writes on a line, so the ledger is selected by these ids.
 */
import type { CompiledContent, Jurisdiction } from '../content/compile.js';

export interface RegistrationScope {
  /** The registration id the return is filed under (`CA`, `CA-BC`, `GB`, `EU-OSS`). */
  registrationId: string;
  name: string;
  /** The currency the return is made out in. */
  currency: string;
  /** Ids of the jurisdictions whose tax the return reports, sorted. */
  covers: string[];
}

/**
 * One-stop-shop returns are made out in euro (VAT Directive arts. 365 and
 * 369h(1)); the union content names no currency of its own.
 */
const ONE_STOP_SHOP_CURRENCY = 'EUR';

export function isUsId(id: string): boolean {
  return id.startsWith('US-');
}

/**
 * The scope of the return of a non-US registration over a period, or
 * undefined when no return is filed under that id (a US id, an unknown id,
 * or a jurisdiction that reports on another's return, such as `CA-ON`).
 * `held` is the seller's registration ids: a member state where the seller
 * holds a registration of its own is reported on that return, not the
 * one-stop shop's.
 */
export function registrationScope(content: CompiledContent, id: string, period: { start: string; end: string }, held: ReadonlySet<string>): RegistrationScope | undefined {
  if (isUsId(id)) return undefined;
  const own = content.jurisdictions.get(id);
  const covered = [...content.jurisdictions.values()].filter((j) => !isUsId(j.id) && j.registrations.includes(id));
  if (covered.length > 0 && own?.currency) {
    return { registrationId: id, name: own.name, currency: own.currency, covers: covered.map((j) => j.id).sort() };
  }
  const union = [...content.unions.values()].find((u) => u.oneStopShop?.registration === id);
  if (!union) return undefined;
  const members = [...content.jurisdictions.values()].filter(
    (j) => memberDuring(j, union.id, period) && !j.registrations.some((r) => held.has(r)),
  );
  return { registrationId: id, name: `${union.name}: one-stop shop`, currency: ONE_STOP_SHOP_CURRENCY, covers: members.map((j) => j.id).sort() };
}

/** Which return a jurisdiction that has none of its own is reported on, for an error that says where to look. */
export function reportedOn(content: CompiledContent, id: string): string | undefined {
  const j = content.jurisdictions.get(id);
  if (!j || isUsId(id)) return undefined;
  return j.registrations.find((r) => r !== id);
}

function memberDuring(j: Jurisdiction, union: string, period: { start: string; end: string }): boolean {
  return j.unions.at(period.start)?.union === union || j.unions.at(period.end)?.union === union;
}
