export const applications = {
  "applications.title": "Hồ sơ xin tài trợ",
};
