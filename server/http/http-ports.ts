export type { AccountStore, InviteStore, SocialStore } from "../accounts/account-ports";
