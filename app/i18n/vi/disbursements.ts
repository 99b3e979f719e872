export const disbursements = {
  "disbursements.title": "Chi trả",
};
