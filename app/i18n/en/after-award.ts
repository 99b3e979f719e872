import type { afterAward as vi } from "../vi/after-award";

export const afterAward: Record<keyof typeof vi, string> = {
  "finance.grantStatus.suspended": "payments suspended",
  "finance.grantStatus.terminated": "terminated",
  "finance.errors.grantStopped": "This grant is suspended or terminated: no new disbursement may be prepared, approved or sent.",

  "grants.next.suspended": "The programme has suspended payments on this grant (see why in the agreement)",
  "grants.next.terminated": "This grant was terminated (see why in the agreement)",
  "grants.status.suspended": "Payments suspended",
  "grants.status.terminated": "Terminated",
  "grants.trancheStatus.suspended": "Payments suspended",

  "grants.stop.reason": "Reason",
  "grants.stop.reasonHint": "The group reads it on the agreement page and in its notice. Example: Waiting for the group to explain how tranche 1 was spent.",
  "grants.stop.shown.suspended": "The programme has suspended payments on this grant. Reason: {reason}",
  "grants.stop.shown.terminated": "This grant was terminated; the tranches not paid were cancelled. Reason: {reason}",
  "grants.stop.released": "Given back to the round's budget: {amount}",

  "grants.suspend.title": "Suspend payments",
  "grants.suspend.intro": "While suspended, nobody can prepare, approve or send a new disbursement for this grant, until it is resumed. The group and finance will be told.",
  "grants.suspend.submit": "Suspend payments",
  "grants.suspend.done": "Payments are suspended. The group and finance have been told.",

  "grants.resume.title": "Resume payments",
  "grants.resume.intro": "Due tranches can be paid again. The group and finance will be told.",
  "grants.resume.submit": "Resume payments",
  "grants.resume.done": "The grant is resumed. The group and finance have been told.",

  "grants.terminate.title": "Terminate the grant",
  "grants.terminate.intro": "This cannot be undone. Unpaid tranches are cancelled, pending disbursements are cancelled, and the unspent part ({amount}) goes back to the round's budget.",
  "grants.terminate.submit": "Terminate the grant",
  "grants.terminate.done": "The grant is terminated. The group and finance have been told.",
  "grants.terminate.processing": "A Stripe payment is still processing: wait for its result, then terminate.",

  "grants.errors.stopOnlyActive": "Only an active grant can be suspended.",
  "grants.errors.resumeOnlySuspended": "This grant is not suspended.",
  "grants.errors.terminateOnlyRunning": "Only an active or suspended grant can be terminated.",

  "grants.notice.suspended": "The programme has suspended payments on “{title}”. Reason: {reason}",
  "grants.notice.resumed": "The programme has resumed payments on “{title}”",
  "grants.notice.terminated": "The grant “{title}” was terminated. Reason: {reason}",
  "grants.notice.financeSuspended": "Payments suspended: {group} — “{title}”",
  "grants.notice.financeResumed": "Payments resumed: {group} — “{title}”",
  "grants.notice.financeTerminated": "Terminated: {group} — “{title}”; pending disbursements were cancelled",
};
