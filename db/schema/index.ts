export * from "./auth";
export * from "./audit";
export * from "./notifications";
export * from "./programmes";
export * from "./groups";
export * from "./applications";
export * from "./reviews";
export * from "./grants";
