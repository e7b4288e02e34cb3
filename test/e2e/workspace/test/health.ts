// A test helper: it polls the server the test started. Excluded by default (`**/test/**`).
export async function waitForHealth(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  if (!res.ok) throw new Error(`unhealthy: ${res.status}`);
}
