export async function loadReports() {
  const daily = await fetch('https://reports.example.com/daily');
  const weekly = await fetch('https://reports.example.com/weekly', { method: 'GET' });
  return [await daily.json(), await weekly.json()];
}
