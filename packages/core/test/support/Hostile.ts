/** A proxy that was revoked: every operation on it throws, `Array.isArray` and `instanceof` too. */
export const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/** A function that throws `thrown`, whatever it is. */
export const thrower = (thrown: unknown) => () => {
  throw thrown
}
