export * from "./config";
export * from "./mailbox";
export * from "./path";
export * from "./order";
export * from "./guid";
export * from "./terraform-outputs";
export * from "./clouds";
export * from "./email";
