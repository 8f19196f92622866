/** The error type lives in shared/errors.ts (one home for every layer); core code may import it from here. */
export { ShotputError, toUserError, type UserError } from '../../shared/errors.js';
