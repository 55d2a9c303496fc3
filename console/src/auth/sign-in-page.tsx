import { useEffect, useId, useState, type FormEvent } from 'react';
import { organisationName } from '../api/labels';
import { navigate, useLocation } from '../app/router';
import { useStore } from '../app/store';
import { Loading } from '../components/status';
import { fetchAuthConfig, fetchDevToken, type AuthConfig, type DemoUserInfo } from './auth-config';
import { completeOidcSignIn, startOidcSignIn } from './oidc';
import { signIn, signOutReason } from './session';

export function SignInPage() {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reason = useStore(signOutReason);
  const { path } = useLocation();

  useEffect(() => {
    fetchAuthConfig()
      .then(async (c) => {
        if (path === '/auth/callback') {
          await completeOidcSignIn(c.oidc);
          navigate('/', { replace: true });
        }
        setConfig(c);
      })
      .catch((e: Error) => setError(`Sign-in is not available: ${e.message}`));
  }, [path]);

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <h1>Sign in to the Partner Hub</h1>
      <p>Multi-agency work against modern slavery, under the information sharing agreement. Every disclosure is recorded.</p>
      {reason ? (
        <p className="notice" role="alert">
          {reason}
        </p>
      ) : null}
      {error ? (
        <p className="problem" role="alert">
          {error}
        </p>
      ) : null}
      {!config && !error ? <Loading what="sign-in options" /> : null}
      {config && config.oidc.length > 0 ? (
        <section aria-labelledby="oidc-title">
          <h2 id="oidc-title">With your organisation</h2>
          <ul className="oidc-list">
            {config.oidc.map((issuer) => (
              <li key={issuer.issuer}>
                <button
                  type="button"
                  className="primary"
                  onClick={() => startOidcSignIn(issuer).catch((e: Error) => setError(`Sign-in failed: ${e.message}`))}
                >
                  Sign in with {issuer.orgs === '*' ? issuer.issuer : issuer.orgs.map(organisationName).join(', ')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {config?.devSignIn ? <DemoSignIn users={config.devSignIn.users} onError={setError} /> : null}
      {config && !config.devSignIn && config.oidc.length === 0 ? (
        <p className="problem" role="alert">
          No way to sign in is configured here: the hub trusts no identity provider with a console client.
        </p>
      ) : null}
    </main>
  );
}

function DemoSignIn({ users, onError }: { users: DemoUserInfo[]; onError: (message: string) => void }) {
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  const byOrg = new Map<string, DemoUserInfo[]>();
  for (const u of users) byOrg.set(u.orgName, [...(byOrg.get(u.orgName) ?? []), u]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    try {
      const { token, expiresAt } = await fetchDevToken(userId);
      signIn({ token, via: 'demo', label: userId, expiresAt });
    } catch (e) {
      onError(`Sign-in failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="demo-sign-in" noValidate>
      <h2>Development: sign in as a demo user</h2>
      <p className="hint">The hub’s development issuer mints a token for the user you pick. It is off in production.</p>
      <div className={`field ${invalid ? 'field-error' : ''}`}>
        <label htmlFor={`${id}-user`}>Demo user</label>
        {invalid ? (
          <p className="error-message" id={`${id}-error`}>
            Choose a demo user.
          </p>
        ) : null}
        <select
          id={`${id}-user`}
          value={userId}
          onChange={(e) => {
            setUserId(e.target.value);
            setInvalid(false);
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        >
          <option value="">Choose a user</option>
          {[...byOrg].map(([org, orgUsers]) => (
            <optgroup label={org} key={org}>
              {orgUsers.map((u) => (
                <option value={u.id} key={u.id}>
                  {u.name} ({u.id})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
