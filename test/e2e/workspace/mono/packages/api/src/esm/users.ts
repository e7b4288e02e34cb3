export async function loadUser(id: string): Promise<unknown> {
  const res = await fetch(`https://users.example.com/users/${id}`, { signal: AbortSignal.timeout(5000) });
  return res.json();
}
