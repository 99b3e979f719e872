/**
 * One instance per process, shared by every copy of a module. The production server, the Vite
 * dev server and the Remix build each load their own copy of app modules; keeping the instance on
 * globalThis makes them all use the same database and settings.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __gieoSingletons?: Map<string, unknown> };
  store.__gieoSingletons ??= new Map();
  if (!store.__gieoSingletons.has(name)) store.__gieoSingletons.set(name, create());
  return store.__gieoSingletons.get(name) as T;
}
