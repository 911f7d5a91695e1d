/** The one use case a user who must change the password may run (see runAction). */
export const PASSWORD_CHANGE_USE_CASE = "user.changePassword";
