import type { vi } from "../vi";
import { activities } from "./activities";
import { amendments } from "./amendments";
import { afterAward } from "./after-award";
import { admin } from "./admin";
import { applications } from "./applications";
import { auth } from "./auth";
import { common } from "./common";
import { email } from "./email";
import { groups } from "./groups";
import { impact } from "./impact";
import { decisions } from "./decisions";
import { disbursements } from "./disbursements";
import { grants } from "./grants";
import { offline } from "./offline";
import { outcomes } from "./outcomes";
import { payments } from "./payments";
import { privacy } from "./privacy";
import { privacyRegister } from "./privacy-register";
import { programmes } from "./programmes";
import { reviews } from "./reviews";
import { screening } from "./screening";
import { sms } from "./sms";
import { visits } from "./visits";
import { spending } from "./spending";
import { statements } from "./statements";

export const en: Record<keyof typeof vi, string> = {
  ...common,
  ...auth,
  ...admin,
  ...email,
  ...programmes,
  ...activities,
  ...groups,
  ...applications,
  ...screening,
  ...reviews,
  ...decisions,
  ...grants,
  ...disbursements,
  ...payments,
  ...outcomes,
  ...privacy,
  ...privacyRegister,
  ...impact,
  ...sms,
  ...afterAward,
  ...visits,
  ...amendments,
  ...spending,
  ...statements,
  ...offline,
};
