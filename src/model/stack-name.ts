/** A stack name names a folder (`<out>/stacks/<name>`) and its state file: no separators, not `.` or `..`. */
export const STACK_NAME = /^(?!\.+$)[A-Za-z0-9_.-]+$/;
