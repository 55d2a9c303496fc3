import { useAccess } from '../app/access';
import { NAV } from '../app/nav';
import { Link } from '../app/router';
import { organisationName, purposeLabel } from '../api/labels';
import { ukDate } from '../format/dates';

const JOBS: Record<string, string> = {
  '/subject': 'Find a subject and see what each partner shares with you, what is withheld and why.',
  '/location': 'A property: HMO and premises licences, occupants, police intelligence and the people linked to it.',
  '/care-pathway': 'Which services can take a person now, and why others cannot. No name needed.',
  '/statistics': 'The partners’ counts for a period, under disclosure control.',
  '/audit': 'Who received what, when, for which purpose; verify the log; export it.',
  '/agreements': 'The agreements in force, their parties and review dates; suspend or lift as a representative.',
};

export function HomePage() {
  const access = useAccess();
  return (
    <>
      <h1>Welcome</h1>
      <section aria-labelledby="access-title" className="card">
        <h2 id="access-title">Your access</h2>
        {access.approved ? (
          <p>
            You are signed in as <strong>{access.userId}</strong> of {organisationName(access.org)} ({access.roles.join(', ')}), approved by{' '}
            {access.approvedBy ?? 'your representative'} until{' '}
            {access.approvalExpiresOn ? ukDate(access.approvalExpiresOn) : 'further notice'} for:{' '}
            {access.approvedPurposes.map(purposeLabel).join(', ')}.
          </p>
        ) : (
          <p>
            You are signed in as <strong>{access.userId}</strong> of {organisationName(access.org)}, but the hub’s registry holds no
            approval for you: you can see no personal data until your nominated representative approves you (ISA 6.4).
          </p>
        )}
        {access.grants.length > 0 ? (
          <details>
            <summary>What the agreements share with you ({access.grants.length} rules)</summary>
            <ul className="grants">
              {access.grants.map((g) => (
                <li key={g.rule}>
                  <code>{g.rule}</code>: {g.description} For {g.purposes.map(purposeLabel).join(', ')}, until {ukDate(g.until)}
                  {g.conditions.length > 0 ? `; only when ${g.conditions.join(' and ')}` : ''}.
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <ul className="jobs">
        {NAV.filter((n) => n.visible(access)).map((n) => (
          <li key={n.path}>
            <Link to={n.path}>{n.label}</Link>
            <p>{JOBS[n.path]}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
