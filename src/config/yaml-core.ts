/**
 * The YAML 1.2 core schema's plain-scalar forms, shared by the fast parsing tiers: where they
 * could read a value differently from `yaml` (a number, a null, a boolean), they step aside.
 */

/** The core schema's numbers (int, octal, hex, float, infinity, NaN). */
export const CORE_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The core schema's nulls and booleans (and the empty plain scalar, a null). */
export const CORE_NULL_OR_BOOLEAN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|)$/;

/** Keys longer than this are left to `yaml` (it refuses implicit keys over 1,024 characters). */
export const MAX_FAST_KEY_LENGTH = 200;

/**
 * `&anchor`, `*alias`, `!tag` at the start of a token, a `%` directive, a byte order mark: a
 * conservative scan for what the fast tiers leave to `yaml`.
 */
export const NOT_PLAIN = /(?:^|[\s,[\]{}:])[&*!]|^%|^\uFEFF/m;
