// Inventory service client, plain JavaScript with fetch.
const INVENTORY_URL = process.env.INVENTORY_URL ?? 'http://inventory.internal';

// Hazard: no timeout, the loop retries a 404 (unknown SKU) three times, and its fixed waits have no
// jitter, so every client that failed together retries together.
export async function reserve(sku, quantity) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await fetch(`${INVENTORY_URL}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sku, quantity }),
      });
      if (!res.ok) throw new Error(`inventory answered ${res.status}`);
      return await res.json();
    } catch (err) {
      if (attempt === 3) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

// Hazard: no timeout and nothing retries a transient failure.
export async function stockLevel(sku) {
  const res = await fetch(`${INVENTORY_URL}/stock/${encodeURIComponent(sku)}`);
  return res.ok ? (await res.json()).available : 0;
}

// Pagination is not a retry: each page is a different request, so nothing here retries a failed page.
export async function allSkus() {
  const skus = [];
  let next = `${INVENTORY_URL}/skus`;
  while (next) {
    const res = await fetch(next, { signal: AbortSignal.timeout(5000) });
    const page = await res.json();
    skus.push(...page.items);
    next = page.next;
  }
  return skus;
}
