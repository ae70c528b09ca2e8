/**
 * Data sources: historical transactions and employees come in as CSV files,
 * and live invoices from Stripe. Each upload is checked by the API and opens
 * its import flow; past imports are listed below, each reopening where it
 * stands.
 */
import { EmployeeList } from './EmployeeList';
import { ImportList, importHref } from './ImportList';
import type { ImportView } from './imports-types';
import { useNavigation } from './navigation';
import { StripeConnector } from './StripeConnector';
import { UploadArea } from './UploadArea';
import './styles/imports.css';

export function DataSources({ role }: { role: 'admin' | 'member' }) {
  const { navigate } = useNavigation();
  const open = (view: ImportView) => navigate(importHref(view.id));

  return (
    <div className="data-sources">
      <div className="card">
        <div className="card-head">
          <h1>Data sources</h1>
        </div>
        <p className="muted intro">
          Import past sales so Levy can measure your nexus thresholds and exposure from the start, and your employees, whose places of work create physical
          presence. Every problem in a file is listed by row and column before anything is imported.
        </p>
      </div>
      <div className="two sources">
        <section className="card source" aria-labelledby="import-transactions-title">
          <div className="card-head">
            <h2 id="import-transactions-title">Transactions</h2>
            <a className="template" href="/v1/imports/template.csv?kind=transactions" download>
              Download the template
            </a>
          </div>
          <p className="small muted">One row per line item; amounts in decimal units (1234.56). Re-uploading a file never imports a transaction twice.</p>
          <UploadArea kind="transactions" label="Transactions CSV file" onUploaded={open} />
        </section>
        <section className="card source" aria-labelledby="import-employees-title">
          <div className="card-head">
            <h2 id="import-employees-title">Employees</h2>
            <a className="template" href="/v1/imports/template.csv?kind=employees" download>
              Download the template
            </a>
          </div>
          <p className="small muted">One row per employee and place of work; importing an employee id again updates them.</p>
          <UploadArea kind="employees" label="Employees CSV file" onUploaded={open} />
          <EmployeeList />
        </section>
      </div>
      <StripeConnector role={role} />
      <ImportList />
    </div>
  );
}
