export const grants = {
  "grants.title": "Tài trợ",
};
