/** The waiver rule id that lets a design that does not fit be synthesized anyway (with a logged reason). */
export const CAPACITY_FIT_RULE = 'capacity-fit';
