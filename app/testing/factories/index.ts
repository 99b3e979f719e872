// Every maker of test rows, one file per entity: a test imports what it needs from here.
export * from "./applications";
export * from "./decisions";
export * from "./disbursements";
export * from "./grants";
export * from "./groups";
export * from "./impact";
export * from "./outcomes";
export * from "./reviews";
export * from "./rounds";
export * from "./spending";
export * from "./stripe";
export * from "./users";
