/* global process */
// Node module hooks: 'electron' resolves to the built double given in SHOTPUT_ELECTRON_DOUBLE.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: process.env.SHOTPUT_ELECTRON_DOUBLE, shortCircuit: true, format: 'module' };
  return nextResolve(specifier, context);
}
