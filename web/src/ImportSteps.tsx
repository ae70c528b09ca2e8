/** Where an import stands among its steps, for the eye and (aria-current="step") for a screen reader. */
import type { ImportView } from './imports-types';

export function stepsOf(view: ImportView): { labels: string[]; current: number } {
  const labels = view.kind === 'transactions' ? ['Check the file', 'Assign new products', 'Import', 'Mark complete'] : ['Check the file', 'Import'];
  const importStep = labels.indexOf('Import');
  const unassigned = view.newProducts.some((p) => !p.assignedTo);
  switch (view.status) {
    case 'validating':
    case 'invalid':
    case 'failed':
      return { labels, current: 0 };
    case 'validated':
      return { labels, current: unassigned ? 1 : importStep };
    case 'committing':
      return { labels, current: importStep };
    case 'committed':
      return { labels, current: view.kind === 'transactions' ? 3 : labels.length };
    case 'completed':
      return { labels, current: labels.length };
  }
}

export function ImportSteps({ view }: { view: ImportView }) {
  const { labels, current } = stepsOf(view);
  return (
    <ol className="import-steps" aria-label="Import steps">
      {labels.map((label, i) => (
        <li key={label} className={i < current ? 'done' : i === current ? 'current' : undefined} aria-current={i === current ? 'step' : undefined}>
          <span className="step-number" aria-hidden="true">
            {i < current ? '✓' : i + 1}
          </span>
          {label}
          {i < current && <span className="sr-only"> (done)</span>}
        </li>
      ))}
    </ol>
  );
}
