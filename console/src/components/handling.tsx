import type { Handling, Receipt } from '../api/hub-result';

/**
 * The protective marking and the onward-disclosure conditions of what is on screen
 * (`extensions.handling`, ISA 6.3). Pages with personal data always carry it.
 */
export function HandlingBanner({ handling, personal }: { handling: Handling | null; personal: boolean }) {
  const marking = handling?.marking && handling.marking !== 'OFFICIAL' ? handling.marking : personal ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
  return (
    <section className={`handling handling-${marking === 'OFFICIAL' ? 'official' : 'sensitive'}`} aria-label="Handling">
      <p className="marking">{marking}</p>
      {handling && handling.onwardDisclosure.length > 0 ? (
        <ul className="onward">
          {handling.onwardDisclosure.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : personal ? (
        <p className="onward-none">Personal data: do not pass it on without the written consent of the partner that holds it (ISA 6.3).</p>
      ) : null}
      {handling && handling.conditions.length > 0 ? (
        <div className="handling-conditions">
          <h2>Handling conditions</h2>
          <ul>
            {handling.conditions.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** `extensions.disclosure`: this view is in the disclosure log, and where. */
export function ReceiptNote({ receipt, requestId }: { receipt: Receipt | null; requestId: string | null }) {
  if (!receipt) return null;
  return (
    <aside className="receipt" aria-label="Disclosure receipt" data-testid="receipt">
      <p>
        <strong>This view was recorded</strong> in the disclosure log (writer <code>{receipt.writerId}</code>), request{' '}
        <code>{requestId ?? 'unknown'}</code>. An auditor can check the records against this receipt.
      </p>
      <p className="hash">
        Receipt <code>{receipt.commitment}</code>
      </p>
    </aside>
  );
}
