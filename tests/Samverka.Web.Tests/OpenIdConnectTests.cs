using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>A host with OpenID Connect sign-in switched on, against <see cref="TestOpenIdProvider"/>.</summary>
public sealed class OidcApp() : SamverkaApp(DatabaseProvider.Sqlite)
{
    public TestOpenIdProvider OpenId { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await OpenId.StartAsync();
        await base.InitializeAsync();
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:OpenIdConnect:Enabled"] = "true",
        ["Authentication:OpenIdConnect:DisplayName"] = "Test-e-legitimation",
        ["Authentication:OpenIdConnect:Authority"] = OpenId.Authority,
        ["Authentication:OpenIdConnect:ClientId"] = TestOpenIdProvider.ClientId,
        ["Authentication:OpenIdConnect:ClientSecret"] = TestOpenIdProvider.ClientSecret,
        ["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await OpenId.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcApp>
{
    public const string Name = "OpenID Connect";
}

[Collection(OidcCollection.Name)]
public sealed class OpenIdConnectTests(OidcApp app) : AppTests<OidcApp>(app)
{
    /// <summary>Runs the whole redirect dance: our challenge, the provider's authorize, our callback. Returns the last response.</summary>
    private async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(TestOpenIdProvider.Person person)
    {
        App.OpenId.Next = person;
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/logga-in", Ct);
        Assert.Contains("Logga in med Test-e-legitimation", login);

        var challenge = await client.PostFormFromAsync("/logga-in", "/logga-in/extern", ("returnUrl", "/konto"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(App.OpenId.Authority + "/authorize", challenge.Headers.Location!.ToString());

        using var browserAtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await browserAtProvider.GetAsync(challenge.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);

        var response = await client.GetAsync(authorized.Headers.Location!.PathAndQuery, Ct);  // /signin-oidc?code=…
        while (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/logga-in/extern", StringComparison.Ordinal))
        {
            response = await client.GetAsync(response.Headers.Location.ToString(), Ct);
        }

        return (client, response);
    }

    [Fact]
    public async Task An_existing_account_is_linked_by_verified_e_mail_and_then_known_by_subject()
    {
        var (client, response) = await SignInAsync(new("brp-19850709", Demo.Official, EmailVerified: true));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto", response.Headers.Location!.OriginalString);
        Assert.Contains("Henrik Handläggare", await client.GetStringAsync("/konto", Ct));
        var login = await App.WithDbAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().SingleAsync(Ct));
        Assert.Equal("brp-19850709", login.ProviderKey);

        // Next time the subject alone identifies the person, whatever e-mail the provider sends.
        var (again, second) = await SignInAsync(new("brp-19850709", "annan.adress@example.org", EmailVerified: false));
        Assert.Equal("/konto", second.Headers.Location!.OriginalString);
        Assert.Contains("Henrik Handläggare", await again.GetStringAsync("/konto", Ct));
    }

    [Fact]
    public async Task An_unverified_or_unknown_e_mail_signs_nobody_in()
    {
        var (client, unverified) = await SignInAsync(new("okand-1", Demo.Official, EmailVerified: false));
        Assert.Equal(HttpStatusCode.OK, unverified.StatusCode);
        Assert.Contains("Det finns inget konto i Samverka", await unverified.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/konto", Ct)).StatusCode);

        var (_, unknown) = await SignInAsync(new("okand-2", "ingen@example.org", EmailVerified: true));
        Assert.Contains("Det finns inget konto i Samverka", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.False(await App.WithDbAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().AnyAsync(Ct)));
    }

    [Fact]
    public async Task Administrators_still_give_their_second_factor()
    {
        var (_, response) = await SignInAsync(new("brp-admin", Demo.MunicipalAdmin, EmailVerified: true));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logga-in/tvastegs", response.Headers.Location!.OriginalString);
    }
}
