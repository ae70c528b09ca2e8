/** A display name for a registration outside the US (the US states' names come from the nexus report). */
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const SPECIAL: Record<string, string> = { 'EU-OSS': 'EU One-Stop Shop' };

export function jurisdictionName(id: string): string {
  if (SPECIAL[id]) return SPECIAL[id];
  try {
    return regions.of(id.split('-')[0]!) ?? id;
  } catch {
    return id;
  }
}
