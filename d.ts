import { PtceElement } from '/work/main/src/base/ptce-element.ts';
console.log(PtceElement);
