/**
 * The United States, each state filled by its nexus status. The shapes come
 * pre-projected (Albers USA, 975×610) from us-atlas, so the path generator
 * takes no projection. Every state is a keyboard stop named by its state and
 * status; Enter or Space selects it.
 */
import { geoPath } from 'd3-geo';
import { useMemo } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'us-atlas/states-albers-10m.json';
import { FIPS_TO_POSTAL } from './fips';
import { STATUS_LABEL, statusFill } from './status';
import type { NexusEntry } from './types';

const topology = atlas as unknown as Topology<{ states: GeometryCollection<{ name: string }>; nation: GeometryCollection }>;
const path = geoPath(null);

const SHAPES = feature(topology, topology.objects.states).features.map((f) => ({
  id: `US-${FIPS_TO_POSTAL[String(f.id)] ?? String(f.id)}`,
  d: path(f) ?? '',
}));
const BORDERS = path(mesh(topology, topology.objects.states, (a, b) => a !== b)) ?? '';

export function UsMap({ states, selected, onSelect }: { states: NexusEntry[]; selected: string | null; onSelect: (id: string) => void }) {
  const byId = useMemo(() => new Map(states.map((s) => [s.jurisdictionId, s])), [states]);
  return (
    <svg className="us-map" viewBox="0 0 975 610" role="group" aria-label="Nexus status by state">
      {SHAPES.map(({ id, d }) => {
        const entry = byId.get(id);
        if (!entry) return <path key={id} d={d} fill="#f3f4f6" aria-hidden="true" />;
        const name = `${entry.name}: ${STATUS_LABEL[entry.status]}`;
        return (
          <path
            key={id}
            d={d}
            className="state"
            fill={statusFill(entry.status)}
            tabIndex={0}
            role="button"
            aria-label={name}
            aria-pressed={selected === id}
            data-jurisdiction={id}
            data-status={entry.status}
            onClick={() => onSelect(id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(id);
              }
            }}
          >
            <title>{name}</title>
          </path>
        );
      })}
      <path d={BORDERS} className="borders" aria-hidden="true" />
      {selected && SHAPES.some((s) => s.id === selected) && (
        <path d={SHAPES.find((s) => s.id === selected)!.d} className="selected-outline" aria-hidden="true" />
      )}
    </svg>
  );
}
