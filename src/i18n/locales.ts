// The locale rules live in src/shared so the server (the .ics file, share texts) can use the same
// negotiation as the pages; this path stays for the UI's imports.
export * from "@/shared/locales";
