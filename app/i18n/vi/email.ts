export const email = {
  "email.footer": "Gieo — tài trợ nhỏ cho sinh kế do phụ nữ làm chủ. Thư này được gửi tự động.",
  "email.greeting": "Chào {name},",
  "email.invitation.subject": "Lời mời tham gia Gieo",
  "email.invitation.body": "{inviter} mời bạn tham gia Gieo với vai trò cán bộ chương trình.",
  "email.invitation.button": "Nhận lời mời",
  "email.invitation.expires": "Đường dẫn có hiệu lực 7 ngày và chỉ dùng được một lần.",
  "email.reset.subject": "Đặt lại mật khẩu Gieo",
  "email.reset.body": "Có người (có thể là bạn) đã yêu cầu đặt lại mật khẩu cho tài khoản Gieo của bạn.",
  "email.reset.button": "Đặt mật khẩu mới",
  "email.reset.expires": "Đường dẫn có hiệu lực {minutes} phút và chỉ dùng được một lần.",
  "email.reset.ignore": "Nếu bạn không yêu cầu, hãy bỏ qua thư này. Mật khẩu của bạn không thay đổi.",
  "email.linkFallback": "Nếu nút không bấm được, hãy chép đường dẫn này vào trình duyệt:",
};
