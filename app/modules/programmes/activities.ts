// The activity types a round can fund (SPEC.md: projects that live from natural resources).
// Codes are stored; labels come from the catalogue ("activity.<code>").
export const activityTypes = [
  "forest_products",
  "agroforestry",
  "medicinal_herbs",
  "seed_bank",
  "bamboo_rattan",
  "handicrafts",
  "eco_tourism",
  "livestock",
  "other",
] as const;

export type ActivityType = (typeof activityTypes)[number];
