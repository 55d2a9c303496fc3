import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { Provider } from 'urql';
import { createHubClient } from '../api/client';
import { organisationName } from '../api/labels';
import { signOut, useSession } from '../auth/session';
import { SignInPage } from '../auth/sign-in-page';
import { PurposeBar } from '../checkpoint/purpose-checkpoint';
import { Loading } from '../components/status';
import { HomePage } from '../pages/home-page';
import { AccessProvider, useAccess } from './access';
import { NAV } from './nav';
import { Link, matchPath, useLocation } from './router';

// Each page is its own chunk: the one-view's first load carries no chart library or log browser.
const SubjectSearchPage = lazy(() => import('../pages/subject/subject-search-page').then((m) => ({ default: m.SubjectSearchPage })));
const SubjectPage = lazy(() => import('../pages/subject/subject-page').then((m) => ({ default: m.SubjectPage })));
const LocationPage = lazy(() => import('../pages/location/location-page').then((m) => ({ default: m.LocationPage })));
const CarePathwayPage = lazy(() => import('../pages/care-pathway/care-pathway-page').then((m) => ({ default: m.CarePathwayPage })));
const StatisticsPage = lazy(() => import('../pages/statistics/statistics-page').then((m) => ({ default: m.StatisticsPage })));
const AuditPage = lazy(() => import('../pages/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const RequestsPage = lazy(() => import('../pages/requests/requests-page').then((m) => ({ default: m.RequestsPage })));
const RequestFormPage = lazy(() => import('../pages/requests/request-form-page').then((m) => ({ default: m.RequestFormPage })));
const ReferralsPage = lazy(() => import('../pages/referrals/referrals-page').then((m) => ({ default: m.ReferralsPage })));
const ReferralFormPage = lazy(() => import('../pages/referrals/referral-form-page').then((m) => ({ default: m.ReferralFormPage })));
const ApprovalsPage = lazy(() => import('../pages/approvals/approvals-page').then((m) => ({ default: m.ApprovalsPage })));
const AgreementsPage = lazy(() => import('../pages/agreements/agreements-page').then((m) => ({ default: m.AgreementsPage })));

const ROUTES: [string, ComponentType<Record<string, string>>][] = [
  ['/', HomePage],
  ['/subject', SubjectSearchPage],
  ['/subject/:id', SubjectPage as unknown as ComponentType<Record<string, string>>],
  ['/location', LocationPage],
  ['/location/:uprn', LocationPage],
  ['/care-pathway', CarePathwayPage],
  ['/statistics', StatisticsPage],
  ['/audit', AuditPage],
  ['/requests', RequestsPage],
  ['/requests/new', RequestFormPage],
  ['/referrals', ReferralsPage],
  ['/referrals/new', ReferralFormPage],
  ['/approvals', ApprovalsPage],
  ['/agreements', AgreementsPage],
];

export function App() {
  const session = useSession();
  if (!session) return <SignInPage />;
  // A new client per sign-in: nothing of one user's session reaches the next.
  return <SignedIn key={session.token} />;
}

function SignedIn() {
  const [client] = useState(createHubClient);
  return (
    <Provider value={client}>
      <AccessProvider>
        <Shell />
      </AccessProvider>
    </Provider>
  );
}

function Shell() {
  const access = useAccess();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // After navigation, put keyboard and screen reader focus at the new page's start.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  let page = <NotFound />;
  for (const [pattern, Page] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) {
      page = <Page {...params} />;
      break;
    }
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/">Partner Hub</Link>
          <span className="brand-sub">multi-agency work against modern slavery</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.visible(access)).map((item) => (
              <li key={item.path}>
                <Link to={item.path} aria-current={path === item.path || path.startsWith(`${item.path}/`) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span data-testid="signed-in-as">
            {access.userId} · {organisationName(access.org)}
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <PurposeBar />
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>{page}</Suspense>
      </main>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no such page. <Link to="/">Go to the start</Link>.
      </p>
    </>
  );
}
