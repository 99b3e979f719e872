// Safe on the client: written on the bank transfer's purpose and on the cash receipt.

/** The short reference of a payment, traceable to its disbursement, in plain ASCII for banks. */
export function paymentReference(id: string, position: number): string {
  return `GIEO ${id.slice(0, 8).toUpperCase()} DOT${position}`;
}
