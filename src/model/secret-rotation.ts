import type { EmailConfig } from "./config";
import { clientSecretRotationDays } from "./application";

/**
 * Client-secret rotation with overlap: two secret slots, `a` and `b`, each replaced every 2 × `rotationDays` by its
 * own `time_rotating`, `b` half a cycle after `a`. So a new secret appears every `rotationDays`, each lives
 * `lifetimeDays`, and while `rotationDays < lifetimeDays` the newest secret is still valid when the next one is
 * made: Genesys always has a working secret, and the older one expires (or is replaced) on its own.
 *
 * This module is the schedule the constructs write to Terraform (their numbers come from here), and a model of
 * what Terraform then does on each apply, for tests and documentation. It follows the time provider
 * (hashicorp/terraform-provider-time, docs/resources/rotating.md and internal/provider/resource_time_rotating.go):
 * a `time_rotating` whose rotation time has passed is removed on refresh and created again with `rfc3339` (its base,
 * also its `id`) = the configured base or else the current time, and rotation time = base + `rotation_days`.
 */
export interface SecretRotation {
  /** Days each secret is valid from its slot's base time (`end_date = timeadd(time_rotating.id, lifetime)`). */
  readonly lifetimeDays: number;
  /** Days between two new secrets. */
  readonly rotationDays: number;
}

export type SecretSlot = "a" | "b";
export const SECRET_SLOTS: readonly SecretSlot[] = ["a", "b"];

/** One slot after an apply, in days on any fixed scale (fractions are times of day). */
export interface SlotState {
  /** The `time_rotating` base (its `id`), which the password's `rotate_when_changed` is keyed to. */
  readonly base: number;
  /** When the `time_rotating` is replaced, on the first apply after it: base + `slotRotationDays`. */
  readonly rotatesAt: number;
  /** The password's `end_date`: base + `lifetimeDays`. */
  readonly expiresAt: number;
  /** When the password was created (the apply that created it). */
  readonly createdAt: number;
}

export type RotationState = Readonly<Record<SecretSlot, SlotState>>;

/** The rotation of a config's client secret: `clientSecretLifetimeDays` and `clientSecretRotationDays` (default half). */
export function secretRotation(config: Pick<EmailConfig, "application">): SecretRotation {
  return { lifetimeDays: config.application.clientSecretLifetimeDays, rotationDays: clientSecretRotationDays(config) };
}

/** Each slot's `time_rotating.rotation_days`: the two slots take turns, so each waits two rotation periods. */
export function slotRotationDays(rotation: SecretRotation): number {
  return 2 * rotation.rotationDays;
}

/**
 * Why the rotation leaves a moment without a valid secret, naming the numbers; undefined when it is fine (GE130).
 * A whole number of days from 1 to lifetime - 1: the newest secret must outlive the wait for the next one.
 */
export function rotationProblem(rotation: SecretRotation): string | undefined {
  const { lifetimeDays: life, rotationDays: every } = rotation;
  if (life < 2) return `a ${life}-day lifetime leaves no rotation period shorter than it (at least 2 days are needed)`;
  if (!Number.isInteger(every) || every < 1 || every >= life) {
    const why = every >= life ? `not less than the lifetime, so the newest secret expires before the next one exists` : !Number.isInteger(every) ? "not a whole number" : "below 1";
    return `${String(every)} is ${why}`;
  }
  return undefined;
}

/**
 * One `terraform apply` on `day`, after `previous` (undefined: the first apply). Slot `a` starts a cycle at the
 * current time; slot `b`, when created in the same apply as `a`, starts one rotation period earlier (its `rfc3339`
 * is `a`'s base minus the period, so it is replaced first), otherwise at the current time.
 */
export function applyRotation(rotation: SecretRotation, previous: RotationState | undefined, day: number): RotationState {
  const cycle = slotRotationDays(rotation);
  const slot = (base: number): SlotState => ({ base, rotatesAt: base + cycle, expiresAt: base + rotation.lifetimeDays, createdAt: day });
  const expired = (s: SlotState | undefined) => s === undefined || day > s.rotatesAt;
  const aNew = expired(previous?.a);
  const a = aNew ? slot(day) : previous!.a;
  const b = expired(previous?.b) ? slot(aNew ? a.base - rotation.rotationDays : day) : previous!.b;
  return { a, b };
}

/** The slot whose secret is the `client_secret` output: the newer base (`a` on a tie, as the Terraform condition). */
export function currentSlot(state: RotationState): SecretSlot {
  return state.a.base >= state.b.base ? "a" : "b";
}

/** The slots whose secret is valid on `day`. */
export function validSlots(state: RotationState, day: number): SecretSlot[] {
  return SECRET_SLOTS.filter((s) => day < state[s].expiresAt);
}
