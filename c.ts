import { LitElement } from 'lit'; import {ContextRoot, consume, provide} from '@lit/context';
console.log(LitElement, ContextRoot, consume, provide);
