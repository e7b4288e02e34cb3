// Shipping carrier client with got, which retries GETs by itself (2 retries) but not POSTs.
import got from 'got';

const carrier = got.extend({
  prefixUrl: process.env.CARRIER_URL,
  // Hazard: 404 (no such shipment) is never worth retrying.
  retry: { limit: 2, statusCodes: [404, 429, 500, 502, 503, 504] },
});

export interface Quote {
  carrier: string;
  priceCents: number;
}

// Timed, and got's own retry protects this GET.
export function quote(postcode: string): Promise<Quote> {
  return carrier.get(`quotes/${postcode}`, { timeout: { request: 3000 } }).json<Quote>();
}

// Hazard: a POST with no timeout; got does not retry POST, and nothing else protects it.
export function createLabel(orderId: string): Promise<{ labelUrl: string }> {
  return carrier.post('labels', { json: { orderId } }).json();
}
