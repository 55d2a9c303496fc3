import { SubjectOneViewDocument } from '../../gql/graphql';
import { PARTNERS } from '../../api/labels';
import { useHubQuery } from '../../api/use-hub-query';
import { Link } from '../../app/router';
import { useCheckpoint } from '../../checkpoint/checkpoint-store';
import { RequireCheckpoint } from '../../checkpoint/purpose-checkpoint';
import { HandlingBanner, ReceiptNote } from '../../components/handling';
import { Loading, ProblemList } from '../../components/status';
import { PartnerPanel } from './partner-panel';

const locationLink = (value: unknown) => <Link to={`/location/${encodeURIComponent(String(value))}`}>{String(value)}</Link>;

const RENDERERS = {
  'person.police.currentAddress.uprn': locationLink,
  'person.localAuthority.housing.address.uprn': locationLink,
  'person.localAuthority.landlordOf.uprn': locationLink,
};

export function SubjectPage({ id }: { id: string }) {
  return (
    <>
      <h1>
        Subject <span className="ref">{id}</span>
      </h1>
      <p className="back">
        <Link to="/subject">Find another subject</Link>
      </p>
      <RequireCheckpoint>
        <OneView id={id} />
      </RequireCheckpoint>
    </>
  );
}

/** The one-view: each partner's part of one subject, side by side, as the agreement lets it reach this user. */
function OneView({ id }: { id: string }) {
  const { checkpoint } = useCheckpoint();
  const { data, fetching, hub, reexecute } = useHubQuery(SubjectOneViewDocument, { id });
  const person = data?.person;
  const general = hub.problems.filter((p) => p.code !== 'SUBGRAPH_UNAVAILABLE');
  const purpose = checkpoint?.purpose ?? null;
  return (
    <>
      <HandlingBanner handling={hub.handling} personal />
      {fetching && !data ? <Loading what={`what the partners share about ${id}`} /> : null}
      <ProblemList problems={general} requestId={hub.requestId} onRetry={reexecute} />
      <ReceiptNote receipt={hub.receipt} requestId={hub.requestId} />
      {person ? (
        <div className="panels">
          <PartnerPanel
            title={PARTNERS.police.name}
            subgraph="police"
            at="person.police"
            value={person.police}
            hub={hub}
            purpose={purpose}
            subjectId={id}
            renderers={RENDERERS}
          />
          <PartnerPanel
            title={PARTNERS['local-authority'].name}
            subgraph="local-authority"
            at="person.localAuthority"
            value={person.localAuthority}
            hub={hub}
            purpose={purpose}
            subjectId={id}
            renderers={RENDERERS}
          />
          <PartnerPanel
            title={PARTNERS.nhs.name}
            subgraph="nhs"
            at="person.health"
            value={person.health}
            hub={hub}
            purpose={purpose}
            subjectId={id}
          />
          <PartnerPanel
            title="Charities (support)"
            subgraph="ngo"
            at="person.support"
            value={person.support}
            hub={hub}
            purpose={purpose}
            subjectId={id}
          />
        </div>
      ) : null}
    </>
  );
}
