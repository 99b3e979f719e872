// Safe on the client. A stored message is in its recipient's language, which the outbox does not
// keep; staff may read the outbox in the other one. Only Vietnamese writes these letters, so a
// message with one of them is Vietnamese and any other is English (Gieo writes no third language),
// and the page marks it so: screen readers read it in the right voice.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

export function messageLanguage(text: string): "vi" | "en" {
  return VIETNAMESE.test(text) ? "vi" : "en";
}
