export async function loadOrder(id: string): Promise<unknown> {
  const res = await fetch(`https://api.example.com/orders/${id}`);
  return res.json();
}
