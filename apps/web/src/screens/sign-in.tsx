import { type FormEvent, useEffect, useState } from 'react';
import { FormProblem, TextField } from '../components/field';
import { useAction } from '../data';
import { session } from '../session/session';

interface SignInProps {
  /** Why the caller is here (signed out, session ended). */
  readonly notice: string | null;
  /** Where to go once signed in. */
  readonly returnTo: string;
}

/** Sign in through ScaiKey (people), or with an API key (service accounts). */
export function SignInScreen({ notice, returnTo }: SignInProps) {
  const scaikey = useAction();
  const withKey = useAction();
  const [apiKey, setApiKey] = useState('');
  useEffect(() => {
    document.title = 'Sign in · ScaiDNS';
  }, []);

  const signInWithKey = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await withKey.run(() => session.signInWithApiKey(apiKey.trim()));
    // Signed in: the app shows the screen this page's address names.
    if (ok) setApiKey('');
  };

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to ScaiDNS</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <section aria-labelledby="sign-in-scaikey">
        <h2 id="sign-in-scaikey">With your organisation account</h2>
        <p>You sign in at ScaiKey, your organisation's identity provider, and come back here.</p>
        <FormProblem problem={scaikey.problem} />
        <button
          type="button"
          className="primary"
          disabled={scaikey.busy}
          onClick={() => void scaikey.run(() => session.beginSignIn(returnTo))}
        >
          Sign in with ScaiKey
        </button>
      </section>
      <section aria-labelledby="sign-in-key">
        <h2 id="sign-in-key">With an API key</h2>
        <p>
          For service accounts. The key stays in this tab's memory until you sign out or close it.
        </p>
        <form className="stack" onSubmit={(event) => void signInWithKey(event)} noValidate>
          <FormProblem problem={withKey.problem} fields={['api_key']} />
          <TextField
            label="API key"
            name="api_key"
            problem={withKey.problem}
            hint="Starts with sdk_live_"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={apiKey}
            onChange={setApiKey}
          />
          <button
            type="submit"
            className="secondary"
            disabled={withKey.busy || apiKey.trim() === ''}
          >
            Sign in with the key
          </button>
        </form>
      </section>
    </main>
  );
}
