/** What needs a person: transactions Levy held, and the alerts it raised. */
import './styles/attention.css';
import { Alerts } from './Alerts';
import { AttentionItems } from './AttentionItems';

export function Attention() {
  return (
    <div className="attention">
      <h1 className="attention-title">Needs attention</h1>
      <div className="attention-items-area">
        <AttentionItems />
      </div>
      <div className="attention-alerts-area">
        <Alerts />
      </div>
    </div>
  );
}
