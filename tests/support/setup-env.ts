// Tests log at warn unless asked otherwise, so failures are readable.
process.env.LOG_LEVEL ??= "warn";
