export const offline = {
  "offline.keyReused":
    "Biểu mẫu này đã được gửi trước đó với nội dung khác. Hãy mở lại trang để có một biểu mẫu mới rồi gửi lại.",
};
