// JSON bodies and answers of the HTTP API (`/api/...`), all answered with the same Ack shape, live in
// the module of their subject: accounts, invites and profiles in account-schemas.ts; rooms and the
// hallway in room-directory-schemas.ts.
export {};
