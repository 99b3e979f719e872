import type { activities as vi } from "../vi/activities";

export const activities: Record<keyof typeof vi, string> = {
  "activity.forest_products": "Non-timber forest products",
  "activity.agroforestry": "Agroforestry",
  "activity.medicinal_herbs": "Medicinal herbs",
  "activity.seed_bank": "Seed bank",
  "activity.bamboo_rattan": "Bamboo and rattan",
  "activity.handicrafts": "Handicrafts and weaving",
  "activity.eco_tourism": "Eco- and community tourism",
  "activity.livestock": "Livestock on community land",
  "activity.other": "Other activity",
};
