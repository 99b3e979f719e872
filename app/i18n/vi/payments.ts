export const payments = {
  "payments.title": "Thanh toán qua Stripe",

  "payments.errors.notAllowed": "Bạn không có quyền chi tiền.",
  "payments.errors.notConfigured": "Stripe chưa được cấu hình trên máy chủ này.",
  "payments.errors.notFound": "Không tìm thấy khoản chi này.",
  "payments.errors.notStripe": "Khoản chi này không chi qua Stripe.",
  "payments.errors.alreadyProcessing": "Khoản chi này đang được chuyển qua Stripe. Đừng chi lại: trạng thái sẽ tự cập nhật.",
  "payments.errors.alreadyPaid": "Khoản chi này đã được chi.",
  "payments.errors.notApproved": "Khoản chi chưa được duyệt, hoặc không còn chờ chi.",
  "payments.errors.noAccount": "Nhóm chưa có tài khoản Stripe nhận tiền.",
  "payments.errors.amountTooLarge": "Số tiền quá lớn để chuyển qua Stripe.",
  "payments.errors.outcomeUnknown":
    "Stripe chưa trả lời rõ ràng. Khoản chi để ở trạng thái “đang chuyển”: thông báo của Stripe hoặc việc đối soát sẽ cho biết tiền đã đi hay chưa. Đừng chi lại.",
  "payments.stripe.amount": "Stripe từ chối chuyển tiền vì số tiền hoặc loại tiền không hợp lệ. Không có tiền nào được chi.",
  "payments.stripe.balanceInsufficient": "Tài khoản Stripe của chương trình không đủ tiền. Không có tiền nào được chi; hãy nạp thêm rồi chuyển lại.",
  "payments.stripe.destination": "Stripe từ chối chuyển tiền vào tài khoản Stripe của nhóm (tài khoản chưa sẵn sàng nhận tiền). Không có tiền nào được chi; hãy kiểm tra tài khoản của nhóm trên Stripe.",
  "payments.stripe.other": "Stripe từ chối chuyển tiền (mã lỗi: {code}). Không có tiền nào được chi.",

  "payments.failure.notAtStripe": "Đối soát: Stripe không có lệnh chuyển nào cho khoản chi này, không có tiền nào được chi. Có thể lập lại khoản chi.",
  "payments.failure.reversed": "Stripe đã hoàn lại lệnh chuyển {transfer}: tiền đã quay về chương trình.",
  "payments.failure.partlyReversed": "Stripe đã hoàn lại một phần ({reversed} ₫) của lệnh chuyển {transfer}. Hãy kiểm tra trên Stripe.",
  "payments.failure.mismatch": "Lệnh chuyển {transfer} trên Stripe có số tiền hoặc loại tiền khác khoản chi này. Hãy kiểm tra trên Stripe.",
  "payments.failure.otherTransfer": "Stripe báo một lệnh chuyển khác ({transfer}) cho khoản chi này. Hãy kiểm tra trên Stripe.",
  "payments.failure.transferAfterFailure":
    "Stripe báo lệnh chuyển {transfer} cho khoản chi đã đánh dấu thất bại hoặc đã huỷ: tiền có thể đã đi. Hãy kiểm tra trên Stripe trước khi chi lại.",

  "payments.reconcile.title": "Đối soát các khoản chuyển qua Stripe",
  "payments.reconcile.intro":
    "Tìm các khoản chi còn ở trạng thái “đang chuyển” (ví dụ máy chủ dừng giữa chừng) và hỏi Stripe xem lệnh chuyển có tồn tại không. Việc này không chuyển thêm tiền nào.",
  "payments.reconcile.waiting": "Số khoản đang chuyển: {count}.",
  "payments.reconcile.grace": "Các khoản mới bắt đầu trong {minutes} phút gần đây được để lại lần sau.",
  "payments.reconcile.submit": "Đối soát với Stripe",
  "payments.reconcile.done": "Đã kiểm tra {checked} khoản: {paid} đã chi, {reversed} bị hoàn lại, {failed} không có tiền nào được chi, {unresolved} chưa hỏi được Stripe (thử lại sau).",
  "payments.reconcile.notConfigured": "Stripe chưa được cấu hình trên máy chủ này: không có gì để đối soát.",
  "payments.reconcile.back": "← Hàng chờ chi trả",

  "payments.account.title": "Tài khoản Stripe của nhóm",
  "payments.account.intro": "Tiền chuyển qua Stripe sẽ vào tài khoản kết nối (connected account) này của nhóm.",
  "payments.account.current": "Tài khoản hiện tại: {account}",
  "payments.account.none": "Nhóm chưa có tài khoản Stripe.",
  "payments.account.field": "Mã tài khoản Stripe",
  "payments.account.hint": "Chép từ trang Stripe, ví dụ acct_1Nv0FGQ9RKHgCVdK. Để trống để gỡ tài khoản.",
  "payments.account.invalid": "Mã tài khoản Stripe bắt đầu bằng acct_ rồi đến chữ và số, ví dụ acct_1Nv0FGQ9RKHgCVdK.",
  "payments.account.save": "Lưu tài khoản",
  "payments.account.saved": "Đã lưu tài khoản Stripe của nhóm.",
  "payments.account.removed": "Đã gỡ tài khoản Stripe của nhóm.",
  "payments.account.back": "← Hàng chờ chi trả",
};
