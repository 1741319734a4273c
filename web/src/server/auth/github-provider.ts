import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";

/** GitHub's /user, as much of it as we read. */
const githubUserSchema = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1),
  name: z.string().nullish(),
  avatar_url: z.string().nullish(),
});

/** GitHub's /user/emails: every address of the account, which one is primary, verified or not. */
const githubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/**
 * The profile our sign-in works from: GitHub's user, with the account's primary email and
 * whether GitHub has verified it, under the name OpenID Connect gives that fact.
 */
export interface GitHubSignInProfile {
  id: number;
  login: string;
  name?: string;
  avatar_url?: string;
  email?: string;
  email_verified: boolean;
}

/**
 * "Sign in with GitHub" against github.com, or against the server at `url` / `apiUrl`
 * (a GitHub Enterprise Server, or a local stand-in in tests). Unlike next-auth's own
 * GitHub provider, it always asks /user/emails: the public profile email says nothing
 * about who verified it, and only a verified address may be linked to an existing user.
 */
export function gitHubProvider({
  clientId,
  clientSecret,
  url,
  apiUrl,
}: {
  clientId: string;
  clientSecret: string;
  url: string;
  apiUrl: string;
}): OAuthConfig<GitHubSignInProfile> {
  return {
    id: "github",
    name: "GitHub",
    type: "oauth",
    clientId,
    clientSecret,
    issuer: `${url}/login/oauth`,
    authorization: {
      url: `${url}/login/oauth/authorize`,
      params: { scope: "read:user user:email" },
    },
    token: `${url}/login/oauth/access_token`,
    userinfo: {
      url: `${apiUrl}/user`,
      async request({ tokens }) {
        const accessToken = z.string().min(1).parse(tokens.access_token);
        const [user, emails] = await Promise.all([
          getGitHub(`${apiUrl}/user`, accessToken, githubUserSchema),
          getGitHub(`${apiUrl}/user/emails`, accessToken, githubEmailsSchema),
        ]);
        const primary = emails.find((entry) => entry.primary);
        const profile: GitHubSignInProfile = {
          id: user.id,
          login: user.login,
          name: user.name ?? undefined,
          avatar_url: user.avatar_url ?? undefined,
          email: primary?.email.toLowerCase(),
          email_verified: primary?.verified ?? false,
        };
        return profile;
      },
    },
    profile: (profile) => ({
      id: String(profile.id),
      name: profile.name ?? profile.login,
      email: profile.email ?? null,
      image: profile.avatar_url ?? null,
    }),
  };
}

async function getGitHub<Schema extends z.ZodType>(
  url: string,
  accessToken: string,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const response = await fetch(url, {
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${accessToken}`,
      "user-agent": "ticketping",
      "x-github-api-version": "2022-11-28",
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    throw new Error(`GitHub answered ${response.status} for ${new URL(url).pathname}`);
  return schema.parse(await response.json());
}
