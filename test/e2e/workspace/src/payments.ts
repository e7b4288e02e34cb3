export async function capture(chargeId: string): Promise<Response> {
  return fetch(`https://payments.example.com/charges/${chargeId}/capture`, { method: 'POST', headers: { 'Idempotency-Key': `capture-${chargeId}` }, signal: AbortSignal.timeout(5000) });
}
