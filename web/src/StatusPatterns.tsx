import { COLOR } from './status';

/**
 * The fills of the statuses, as SVG patterns: the map and the legend share
 * them, and the stripes and dots tell statuses apart without colour.
 */
export function StatusPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        <pattern id="fill-economic" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={COLOR.economic} />
          <rect width="2" height="6" fill="rgba(255,255,255,0.45)" />
        </pattern>
        <pattern id="fill-physical" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill={COLOR.physical} />
          <path d="M0 3H6M3 0V6" stroke="rgba(255,255,255,0.45)" strokeWidth="1.2" />
        </pattern>
        <pattern id="fill-approaching" width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill={COLOR.approaching} />
          <circle cx="2.5" cy="2.5" r="1" fill="rgba(90,60,0,0.45)" />
        </pattern>
        <pattern id="fill-registered" width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" fill={COLOR.registered} />
        </pattern>
        <pattern id="fill-none" width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" fill={COLOR.none} />
        </pattern>
        <pattern id="fill-no_sales_tax" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
          <rect width="5" height="5" fill={COLOR.no_sales_tax} />
          <rect width="1" height="5" fill="rgba(0,0,0,0.18)" />
        </pattern>
      </defs>
    </svg>
  );
}
