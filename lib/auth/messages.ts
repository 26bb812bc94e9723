/** What the login page says when Auth.js refuses a sign-in (its error codes), one sentence each. */
export const SIGN_IN_ERROR_MESSAGES = {
  CredentialsSignin: "That password is not right, or there were too many tries: wait 15 minutes.",
  AccessDenied: "Your account is not allowed into this Breakeven. Ask its admin to add you.",
  Configuration: "Sign-in is misconfigured on the server; its log says why.",
} as const;

export const SIGN_IN_FAILED_MESSAGE = "Sign-in failed. Try again.";
