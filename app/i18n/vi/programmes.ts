export const programmes = {
  "programmes.title": "Chương trình",
};
