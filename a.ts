import { Pole } from '/work/main/src/data/schemas/pole.ts';
console.log(Pole.safeParse({}));
