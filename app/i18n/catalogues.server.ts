import { en } from "./en";
import { registerCatalogue } from "./i18n";
import { vi } from "./vi";

// The server answers in either language, so it holds both.
registerCatalogue("vi", vi);
registerCatalogue("en", en);
