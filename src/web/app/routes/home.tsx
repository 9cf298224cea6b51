import { Link } from 'react-router';

/** The home screen; it becomes role-fitting once people sign in. */
export function HomeRoute() {
  return (
    <div>
      <h1>Welcome to ladder</h1>
      <p>
        <Link to="/ladder">Read the ladder</Link>
      </p>
    </div>
  );
}
