/** What an activity type is called (app/modules/programmes/activities.ts): rounds and applications name them. */
export const activities = {
  "activity.forest_products": "Lâm sản ngoài gỗ",
  "activity.agroforestry": "Nông lâm kết hợp",
  "activity.medicinal_herbs": "Cây thuốc",
  "activity.seed_bank": "Ngân hàng hạt giống",
  "activity.bamboo_rattan": "Tre, mây",
  "activity.handicrafts": "Thủ công, dệt may",
  "activity.eco_tourism": "Du lịch sinh thái, cộng đồng",
  "activity.livestock": "Chăn nuôi trên đất cộng đồng",
  "activity.other": "Hoạt động khác",
};
