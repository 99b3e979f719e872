// Texts sent to phones by SMS and Zalo: short, plain words for a leader who reads Vietnamese as a
// second language. Each has a segment budget (app/modules/notifications/phone-texts.ts); where the
// marks would cost more segments than it allows, the text goes without them.
export const sms = {
  "sms.agreement-ready": "Gieo: Chúc mừng! {group} được tài trợ {amount} cho \"{title}\". Mở Gieo để đọc và chấp nhận thỏa thuận.",
  "sms.application-received": "Gieo: Đã nhận hồ sơ \"{title}\" của {group}. Cán bộ sẽ xem và báo kết quả.",
  "sms.clarification-asked": "Gieo: Cán bộ cần {group} bổ sung hồ sơ \"{title}\". Mở Gieo để trả lời.",
  "sms.code-login": "Gieo: Mã đăng nhập của bạn là {code}, dùng trong {minutes} phút. Không đưa mã cho ai.",
  "sms.code-reset": "Gieo: Mã đặt lại mật khẩu là {code}, dùng trong {minutes} phút. Không đưa mã cho ai.",
  "sms.decision-rejected": "Gieo: Hồ sơ \"{title}\" của {group} chưa được tài trợ lần này. Mở Gieo để xem lý do.",
  "sms.decision-waitlisted": "Gieo: Hồ sơ \"{title}\" của {group} đang trong danh sách chờ. Gieo sẽ báo khi có tin.",
  "sms.handover": "Gieo: {by} mời bạn giữ tài khoản {group}. Mã: {code}. Đăng nhập Gieo, chọn \"Nhận nhóm\" và nhập mã.",
  "sms.money-sent": "Gieo: Đã chuyển {amount} ({words}) cho {group}. Hãy kiểm tra tài khoản.",
  "sms.report-approved": "Gieo: Báo cáo {report} của {group} đã được duyệt. Cảm ơn chị em!",
  "sms.report-changes": "Gieo: Cán bộ đề nghị {group} sửa báo cáo {report}. Mở Gieo để xem.",
  "sms.report-due-soon": "Gieo: Báo cáo {report} của {group} đến hạn ngày {date}. Mở Gieo để nộp.",
  "sms.report-overdue": "Gieo: Báo cáo {report} của {group} đã quá hạn ngày {date}. Hãy nộp sớm.",
  "sms.screening-eligible": "Gieo: Hồ sơ \"{title}\" của {group} đủ điều kiện, đang được chấm điểm.",
  "sms.screening-ineligible": "Gieo: Hồ sơ \"{title}\" của {group} chưa đủ điều kiện. Mở Gieo để xem lý do.",
};
