export async function refund(chargeId: string): Promise<Response> {
  return fetch(`https://payments.example.com/charges/${chargeId}/refunds`, { method: 'POST', signal: AbortSignal.timeout(5000) });
}
