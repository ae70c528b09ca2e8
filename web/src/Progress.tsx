import { formatPerMille, perMille } from './money';

/** A bar toward a threshold: its words say the figures, the bar only shows them. */
export function Progress({ label, current, threshold, text }: { label: string; current: number; threshold: number; text: string }) {
  const share = perMille(current, threshold);
  const percent = formatPerMille(share);
  return (
    <div className="progress">
      <div className="progress-head">
        <span>{label}</span>
        <span className="num">
          {text} <strong>{percent}</strong>
        </span>
      </div>
      <div
        className={`progress-track${share >= 1000 ? ' over' : share >= 800 ? ' near' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(share, 1000) / 10}
        aria-valuetext={`${text}, ${percent}`}
      >
        <div className="progress-fill" style={{ width: `${Math.min(share, 1000) / 10}%` }} />
      </div>
    </div>
  );
}
