/** Stylesheets imported for their side effect; esbuild bundles them next to the script. */
declare module '*.css';
