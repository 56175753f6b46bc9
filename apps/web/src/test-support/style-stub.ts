// CSS imports are irrelevant in jsdom component tests.
export default {};
