export const offline = {
  "offline.keyReused": "This form was already sent with different content. Open the page again to get a fresh form, then send it.",
};
