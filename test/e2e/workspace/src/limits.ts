export const limits = { retries: 3 };
