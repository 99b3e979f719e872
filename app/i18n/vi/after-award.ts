// After the award (issue 14): suspending, resuming and terminating a grant, and money given back.
export const afterAward = {
  "finance.grantStatus.suspended": "tạm dừng chi",
  "finance.grantStatus.terminated": "đã chấm dứt",
  "finance.errors.grantStopped": "Khoản tài trợ đang tạm dừng hoặc đã chấm dứt: không được lập, duyệt hay chi khoản chi mới.",

  "grants.next.suspended": "Chương trình tạm dừng chi tiền cho khoản tài trợ này (xem lý do trong thỏa thuận)",
  "grants.next.terminated": "Khoản tài trợ đã chấm dứt (xem lý do trong thỏa thuận)",
  "grants.status.suspended": "Tạm dừng chi",
  "grants.status.terminated": "Đã chấm dứt",
  "grants.trancheStatus.suspended": "Tạm dừng chi",

  "grants.stop.reason": "Lý do",
  "grants.stop.reasonHint": "Nhóm sẽ đọc lý do này trên trang thỏa thuận và trong thông báo. Ví dụ: Chờ nhóm giải trình khoản chi đợt 1.",
  "grants.stop.shown.suspended": "Chương trình đã tạm dừng chi tiền cho khoản tài trợ này. Lý do: {reason}",
  "grants.stop.shown.terminated": "Khoản tài trợ đã chấm dứt; các đợt chưa chi đã bị hủy. Lý do: {reason}",
  "grants.stop.released": "Số tiền trả lại ngân sách của đợt: {amount}",

  "grants.suspend.title": "Tạm dừng chi tiền",
  "grants.suspend.intro": "Khi tạm dừng, không ai lập, duyệt hay chi được khoản chi mới cho khoản tài trợ này cho đến khi tiếp tục lại. Nhóm và bộ phận tài chính sẽ được báo.",
  "grants.suspend.submit": "Tạm dừng chi",
  "grants.suspend.done": "Đã tạm dừng chi tiền. Nhóm và bộ phận tài chính đã được báo.",

  "grants.resume.title": "Tiếp tục chi tiền",
  "grants.resume.intro": "Các đợt đã đến hạn lại được chi. Nhóm và bộ phận tài chính sẽ được báo.",
  "grants.resume.submit": "Tiếp tục chi",
  "grants.resume.done": "Khoản tài trợ đã được tiếp tục. Nhóm và bộ phận tài chính đã được báo.",

  "grants.terminate.title": "Chấm dứt khoản tài trợ",
  "grants.terminate.intro": "Không thể hoàn tác. Các đợt chưa chi bị hủy, các khoản chi đang chờ bị hủy, phần tiền chưa chi ({amount}) được trả lại ngân sách của đợt.",
  "grants.terminate.submit": "Chấm dứt khoản tài trợ",
  "grants.terminate.done": "Đã chấm dứt khoản tài trợ. Nhóm và bộ phận tài chính đã được báo.",
  "grants.terminate.processing": "Một khoản chi qua Stripe đang xử lý: hãy chờ kết quả rồi chấm dứt.",

  "grants.errors.stopOnlyActive": "Chỉ tạm dừng được khoản tài trợ đang thực hiện.",
  "grants.errors.resumeOnlySuspended": "Khoản tài trợ này không ở trạng thái tạm dừng.",
  "grants.errors.terminateOnlyRunning": "Chỉ chấm dứt được khoản tài trợ đang thực hiện hoặc đang tạm dừng.",

  "grants.notice.suspended": "Chương trình tạm dừng chi tiền cho “{title}”. Lý do: {reason}",
  "grants.notice.resumed": "Chương trình tiếp tục chi tiền cho “{title}”",
  "grants.notice.terminated": "Khoản tài trợ “{title}” đã chấm dứt. Lý do: {reason}",
  "grants.notice.financeSuspended": "Tạm dừng chi: {group} — “{title}”",
  "grants.notice.financeResumed": "Tiếp tục chi: {group} — “{title}”",
  "grants.notice.financeTerminated": "Đã chấm dứt: {group} — “{title}”; các khoản chi đang chờ đã bị hủy",
};
