/** The admin created on an empty database when BOOTSTRAP_ADMIN_* are unset. */
export const DEFAULT_ADMIN = 'admin@localhost';
/** Where a generated first password is kept (0600) in DATA_DIR so the sign-in can be printed again until it is changed. */
export const PASSWORD_FILE = 'initial-admin-password';
