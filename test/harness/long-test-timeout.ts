/**
 * Browser and fault tests drive real browsers and real processes: two minutes per test. (jest takes
 * `testTimeout` only for a whole run, not per project, so the projects that need it load this file.)
 */
jest.setTimeout(120_000);
