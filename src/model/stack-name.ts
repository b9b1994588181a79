/** A stack name names a folder (`<out>/stacks/<name>`) and its state file: no separators, not `.` or `..`. */
export const STACK_NAME = /^(?!\.+$)[A-Za-z0-9_.-]+$/;

/** Environment names become stack and folder names: letters, digits, `-` and `_`, starting with a letter. */
export const ENVIRONMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
