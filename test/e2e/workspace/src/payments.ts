export async function capture(chargeId: string): Promise<Response> {
  return fetch(`https://payments.example.com/charges/${chargeId}/capture`, { method: 'POST', signal: AbortSignal.timeout(5000) });
}
