import type { vi } from "../vi";
import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { email } from "./email";

export const en: Record<keyof typeof vi, string> = { ...common, ...auth, ...admin, ...email };
