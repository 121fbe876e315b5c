import { useEffect, useState } from 'react';
import { Link, navigate } from '../router';
import { session } from '../session/session';

/** Where ScaiKey sends the browser back: the code is exchanged, then back to where sign-in began. */
export function CallbackScreen({ search }: { search: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    session.completeSignIn(search).then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, [search]);
  return (
    <main id="main" className="sign-in">
      <h1>{failure ? 'Sign-in failed' : 'Signing you in…'}</h1>
      {failure ? (
        <>
          <div className="problem" role="alert">
            <p>{failure}</p>
          </div>
          <p>
            <Link to="/">Back to the sign-in page</Link>
          </p>
        </>
      ) : (
        <p role="status">Completing the sign-in with ScaiKey.</p>
      )}
    </main>
  );
}
