export const payments = {
  "payments.title": "Thanh toán qua Stripe",
};
