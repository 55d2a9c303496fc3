import { useId, useState, type FormEvent } from 'react';
import { LocationViewDocument } from '../../gql/graphql';
import type { HubResult } from '../../api/hub-result';
import { PARTNERS } from '../../api/labels';
import { useHubQuery } from '../../api/use-hub-query';
import { Link, navigate } from '../../app/router';
import { useCheckpoint } from '../../checkpoint/checkpoint-store';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { HandlingBanner, ReceiptNote } from '../../components/handling';
import { Loading, ProblemList } from '../../components/status';
import { PartnerPanel } from '../subject/partner-panel';

const UPRN = /^\d{1,12}$/;
const COUNCIL_FIELDS = ['hmoLicence', 'premisesLicences', 'reportedOccupants', 'lastInspectedOn', 'landlord'];
const POLICE_FIELDS = ['policeConcern', 'intelligence', 'linkedPersons'];

/** The withheld parts and notices of one partner's fields of the location. */
function partOf(hub: HubResult, fields: string[]): HubResult {
  const mine = (item: { at: string }) => fields.includes(item.at.split('.')[1] ?? '');
  return { ...hub, withheld: hub.withheld.filter(mine), notices: hub.notices.filter(mine) };
}

type Named = {
  id: string;
  police?: { names?: { fullName: string | null }[] | null } | null;
  localAuthority?: { names?: { fullName: string | null }[] | null } | null;
};

function personLink(value: unknown) {
  const person = value as Named;
  const name = person.police?.names?.[0]?.fullName ?? person.localAuthority?.names?.[0]?.fullName;
  return (
    <>
      <Link to={`/subject/${person.id}`}>{person.id}</Link>
      {name ? ` (${name})` : ''}
    </>
  );
}

const RENDERERS = {
  'location.landlord': personLink,
  'location.linkedPersons': (value: unknown) => (
    <ul className="plain">
      {(value as Named[]).map((p) => (
        <li key={p.id}>{personLink(p)}</li>
      ))}
    </ul>
  ),
};

export function LocationPage({ uprn }: { uprn?: string }) {
  const [text, setText] = useState(uprn ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!UPRN.test(value)) {
      setError('A UPRN is up to 12 digits, for example 100070000001.');
      return;
    }
    setError(null);
    navigate(`/location/${value}`);
  };
  return (
    <>
      <h1>
        {uprn ? (
          <>
            Location <span className="ref">{uprn}</span>
          </>
        ) : (
          'Locations'
        )}
      </h1>
      <RequireCheckpoint>
        <form className="search" role="search" onSubmit={submit} noValidate>
          <div className={`field ${error ? 'field-error' : ''}`}>
            <label htmlFor={`${id}-uprn`}>Property reference (UPRN)</label>
            {error ? (
              <p className="error-message" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            <input
              id={`${id}-uprn`}
              inputMode="numeric"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
          </div>
          <button type="submit" className="primary">
            Open
          </button>
        </form>
        {uprn ? <LocationView uprn={uprn} key={uprn} /> : null}
      </RequireCheckpoint>
    </>
  );
}

function LocationView({ uprn }: { uprn: string }) {
  const { checkpoint } = useCheckpoint();
  const { data, fetching, hub, reexecute } = useHubQuery(LocationViewDocument, { uprn });
  const location = data?.location;
  const purpose = checkpoint?.purpose ?? null;
  const council = location
    ? {
        hmoLicence: location.hmoLicence,
        premisesLicences: location.premisesLicences,
        reportedOccupants: location.reportedOccupants,
        lastInspectedOn: location.lastInspectedOn,
        landlord: location.landlord,
      }
    : null;
  const police = location
    ? { policeConcern: location.policeConcern, intelligence: location.intelligence, linkedPersons: location.linkedPersons }
    : null;
  const has = (o: Record<string, unknown> | null) => o && Object.values(o).some((v) => v !== null && !(Array.isArray(v) && v.length === 0));
  return (
    <>
      <HandlingBanner handling={hub.handling} personal />
      {fetching && !data ? <Loading what={`what the partners share about ${uprn}`} /> : null}
      <ProblemList problems={hub.problems.filter((p) => p.code !== 'SUBGRAPH_UNAVAILABLE')} requestId={hub.requestId} onRetry={reexecute} />
      <ReceiptNote receipt={hub.receipt} requestId={hub.requestId} />
      {location ? (
        <div className="panels">
          <PartnerPanel
            title={`${PARTNERS['local-authority'].name}: licensing and inspection`}
            subgraph="local-authority"
            at="location"
            value={has(council) ? council : null}
            hub={partOf(hub, COUNCIL_FIELDS)}
            purpose={purpose}
            subjectId={null}
            renderers={RENDERERS}
          />
          <PartnerPanel
            title={`${PARTNERS.police.name}: concern, intelligence and linked people`}
            subgraph="police"
            at="location"
            value={has(police) ? police : null}
            hub={partOf(hub, POLICE_FIELDS)}
            purpose={purpose}
            subjectId={null}
            renderers={RENDERERS}
          >
            {location.intelligence && location.intelligence.length > 0 ? (
              <p className="hint">
                Intelligence is shared by its 3x5x2 handling code: P may be shared; C only under the conditions in the handling box above.
              </p>
            ) : null}
          </PartnerPanel>
        </div>
      ) : null}
    </>
  );
}
