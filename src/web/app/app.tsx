export function App() {
  return <main><h1>ladder</h1></main>;
}
