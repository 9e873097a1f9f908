using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// Optional sign-in through an OpenID Connect provider (an e-legitimation broker, the
/// municipality's Entra ID, …). Only existing accounts can sign in this way: the first time,
/// the account is linked by its e-mail address; after that by the provider's subject.
/// See docs/operations.md.
/// </summary>
public static class OpenIdConnectSetup
{
    public const string Scheme = "oidc";

    public static void Add(AuthenticationBuilder auth, OpenIdConnectSettings settings)
    {
        auth.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.ResponseMode = "query"; // a top-level GET back to us: works with SameSite=Lax cookies
            o.UsePkce = true;
            o.SaveTokens = false;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.MapInboundClaims = false;
            o.CallbackPath = "/signin-oidc";
            o.CorrelationCookie.Name = "samverka.oidc.c";
            o.NonceCookie.Name = "samverka.oidc.n";
        });
    }
}
