export const decisions = {
  "decisions.title": "Quyết định tài trợ",
};
