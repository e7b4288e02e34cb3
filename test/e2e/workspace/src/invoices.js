import axios from 'axios';

export async function getInvoice(id) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return (await axios.get(`/invoices/${id}`, { timeout: 5000 })).data;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  return undefined;
}
