export const screening = {
  "screening.title": "Sàng lọc hồ sơ",
};
