// Functions handed to page.evaluate run in the browser, but the tests compile with Node's types, not the DOM's
// (whose fetch and Buffer types clash with Node's): these names are all such functions touch.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;
declare const localStorage: any;
type HTMLElement = any;
type HTMLSelectElement = any;
type HTMLInputElement = any;
declare const location: any;
