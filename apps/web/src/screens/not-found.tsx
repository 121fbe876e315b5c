import { Page } from '../components/page';
import { Link } from '../router';

export function NotFoundScreen() {
  return (
    <Page title="Not found">
      <p>There is nothing here, or you may not see it.</p>
      <p>
        <Link to="/zones">Go to your zones</Link>
      </p>
    </Page>
  );
}
