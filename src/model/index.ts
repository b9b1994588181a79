export * from "./config";
export * from "./mailbox";
export * from "./fields";
export * from "./path";
export * from "./order";
export * from "./guid";
export * from "./terraform-outputs";
export * from "./clouds";
export * from "./scopes";
export * from "./email";
export * from "./catalog";
export * from "./env-name";
export * from "./application";
// The day-by-day model (applyRotation, currentSlot, validSlots) serves the schedule's test, not the API.
export { SECRET_SLOTS, rotationProblem, secretRotation, slotRotationDays, type SecretRotation, type SecretSlot } from "./secret-rotation";
