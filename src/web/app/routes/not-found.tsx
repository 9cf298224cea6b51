import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <div>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go home</Link>
      </p>
    </div>
  );
}
