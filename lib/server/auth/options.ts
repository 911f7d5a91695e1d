import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { AppError } from "../errors";
import { decodeSession, encodeSession } from "./session-jwt";
import { SESSION_MAX_AGE_SECONDS } from "./session-policy";
import { signInWithPassword } from "./sign-in";

/**
 * The caller's address: the last X-Forwarded-For entry, the one the nearest proxy (or Next.js
 * itself, from the socket) added. A reverse proxy in front must set, not pass on, this header.
 */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  const last = value.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last ? last.slice(0, 64) : null;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS, encode: encodeSession, decode: decodeSession },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "账号密码",
      credentials: { username: { label: "用户名", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await signInWithPassword(credentials?.username ?? "", credentials?.password ?? "", clientAddress(req?.headers));
          return { id: user.id, name: user.displayName };
        } catch (error) {
          // next-auth passes the message of a thrown error to the sign-in page.
          if (error instanceof AppError) throw new Error(error.message);
          console.error("sign-in failed unexpectedly", error);
          throw new Error("登录服务暂时不可用，请稍后再试。");
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const nowMs = Date.now();
        token.uid = user.id;
        token.loginAt = nowMs;
        token.lastSeen = nowMs;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, loginAt: token.loginAt, lastSeen: token.lastSeen };
    },
  },
};
