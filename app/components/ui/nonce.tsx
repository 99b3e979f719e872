import { createContext, useContext } from "react";

// The server renders with this response's CSP nonce; in the browser it is empty (scripts added
// after hydration are loaded from 'self').
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
