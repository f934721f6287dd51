/** An error the CLI prints as is (in French) before exiting with status 1. */
export class CliError extends Error {}
