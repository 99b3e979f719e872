export const groups = {
  "groups.title": "Nhóm",
};
