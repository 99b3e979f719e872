export const reviews = {
  "reviews.title": "Chấm điểm hồ sơ",
};
