// The route schemas' validators and serializers, compiled once per process. Fastify compiles them
// afresh for every app it builds (about half a second for Pacer's routes), and a test file or a
// benchmark builds hundreds of apps in one process. A compiled function depends only on its schema
// and the compiler's options, so apps with the same routes share them.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compile<T> = (route: { schema: unknown }) => T;
type Factory<T> = (externalSchemas: unknown, options: unknown) => Compile<T>;

/** A compiler factory whose compilers answer a schema seen before (same text, same options) from memory. */
function memoized<T>(factory: Factory<T>): Factory<T> {
  const compiled = new Map<string, T>();
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    const context = JSON.stringify([externalSchemas, options]);
    return (route) => {
      const key = `${context}\u0000${JSON.stringify(route.schema)}`;
      let fn = compiled.get(key);
      if (fn === undefined) {
        fn = compile(route);
        compiled.set(key, fn);
      }
      return fn;
    };
  };
}

/** Fastify's `schemaController` option: its default compilers, memoized across apps. */
export const sharedCompilers = {
  compilersFactory: {
    buildValidator: memoized(AjvCompiler() as unknown as Factory<unknown>),
    buildSerializer: memoized(SerializerSelector() as unknown as Factory<unknown>),
  },
} as NonNullable<FastifyServerOptions['schemaController']>;
