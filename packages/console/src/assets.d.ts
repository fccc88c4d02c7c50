// Vite bundles the stylesheet the entry imports; for the type checker it is a module with nothing in it.
declare module '*.css';
